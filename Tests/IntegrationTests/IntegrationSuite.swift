import Testing

/// Every integration test starts real daemons; they run one at a time so that timing on a
/// small shared machine stays predictable.
@Suite(.serialized) enum IntegrationSuite {}
