import ArgumentParser

/// The benchmark tool: `fetch-cycle`, `feeds`, `extraction` and `dedup` run benchmarks against
/// their peers (curl, Python feedparser, trafilatura, datasketch) and print the figures;
/// `serve`, `fetch`, `generate`, `parse`, `extract-pages` and `dedup-run` are the pieces they
/// start as child processes, so each side's CPU and peak memory are its own. Run by `make
/// bench-fetch`, `bench-feeds`, `bench-extraction` and `bench-dedup`; docs/benchmarks.md has
/// the figures.
@main
struct GleanerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gleaner-bench",
        abstract: "Gleaner's benchmarks against named peers.",
        subcommands: [
            FetchCycleCommand.self, FeedsCommand.self, ServeCommand.self, FetchCommand.self, GenerateCommand.self,
            ParseCommand.self, ExtractionCommand.self, ExtractPagesCommand.self, DedupCommand.self, DedupRunCommand.self,
        ])
}
