import ArgumentParser

/// The benchmark tool: `fetch-cycle`, `feeds`, `extraction` and `dedup` run benchmarks against
/// their peers (curl, Python feedparser, trafilatura, datasketch), and `scale` measures the store
/// as it grows; `serve`, `fetch`, `generate`, `parse`, `extract-pages`, `dedup-run` and
/// `scale-probe` are the pieces they start as child processes, so each side's CPU and peak memory
/// are its own. Run by the `make bench…` targets; docs/benchmarks.md has the figures.
@main
struct GleanerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gleaner-bench",
        abstract: "Gleaner's benchmarks against named peers.",
        subcommands: [
            FetchCycleCommand.self, FeedsCommand.self, ServeCommand.self, FetchCommand.self, GenerateCommand.self,
            ParseCommand.self, ExtractionCommand.self, ExtractPagesCommand.self, DedupCommand.self, DedupRunCommand.self,
            ScaleCommand.self, ScaleProbeCommand.self,
        ])
}
