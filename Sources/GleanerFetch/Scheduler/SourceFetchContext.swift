import Foundation
import GleanerCore

/// The effects a fetch uses, as the scheduler was given them: the transport, the feed reader and
/// the pipeline's two ingest entries, and the clock. Immutable and shared by every fetch task.
struct SourceFetchContext: Sendable {
    let transport: any HTTPTransport
    let readFeed: @Sendable (Document) throws -> Feed?
    let ingestDocument: @Sendable (Document) async throws -> [IngestOutcome]
    let ingestDrafts: @Sendable ([ArticleDraft], Document) async throws -> [IngestOutcome]
    let clock: @Sendable () -> Date
}
