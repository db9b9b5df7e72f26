// swift-tools-version:6.0
import PackageDescription

// Dependencies are few and chosen on purpose; docs/dependencies.md says why each is here.
let package = Package(
    name: "Gleaner",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gleanerd", targets: ["gleanerd"]),
        .executable(name: "gleanerctl", targets: ["gleanerctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // C shims and system libraries: no logic lives here.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),

        // Parsing, dedup, store, inbox and the pipeline that orders them. No libcurl, no sockets.
        .target(
            name: "GleanerCore",
            dependencies: [
                "CLibXML2", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]),
        // HTTP through libcurl: transport, scheduler, politeness and safety limits.
        .target(
            name: "GleanerFetch",
            dependencies: ["CCurl", "GleanerCore", .product(name: "Logging", package: "swift-log")]),
        // The control protocol shared by gleanerd and gleanerctl, in one versioned place.
        .target(name: "GleanerControl", dependencies: ["GleanerCore"]),
        // The daemon's services and wiring, as a library so tests can reach it.
        .target(
            name: "GleanerDaemon",
            dependencies: [
                "GleanerCore", "GleanerFetch", "GleanerControl",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "gleanerd",
            dependencies: [
                "GleanerDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "gleanerctl",
            dependencies: [
                "GleanerCore", "GleanerControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "GleanerCoreTests", dependencies: ["GleanerCore"]),
        .testTarget(name: "GleanerControlTests", dependencies: ["GleanerControl", "GleanerCore"]),
        .testTarget(name: "GleanerDaemonTests", dependencies: ["GleanerDaemon", "GleanerControl", "GleanerCore"]),
        .testTarget(name: "GleanerFetchTests", dependencies: ["GleanerFetch", "GleanerCore", "HTTPTestServer"]),
        .testTarget(name: "IntegrationTests", dependencies: ["GleanerCore", "HTTPTestServer"]),

        // A small HTTP/1.1 server on 127.0.0.1 that tests and benchmarks start, with the
        // misbehaviours the fetcher must survive (slow bodies, endless bodies, redirect loops…).
        .target(name: "HTTPTestServer", path: "Tests/HTTPTestServer"),

        // Benchmarks against named peers (curl, feedparser), run by `make bench-*`, never by
        // `make test`; docs/benchmarks.md has the commands and the figures.
        .executableTarget(
            name: "gleaner-bench",
            dependencies: [
                "GleanerFetch", "GleanerCore", "HTTPTestServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/gleaner-bench"),
    ]
)
