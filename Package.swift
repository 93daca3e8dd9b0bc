// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "vcon-mcp",
    products: [
        .executable(name: "vcon-mcp", targets: ["VConMCP"]),
    ],
    dependencies: [
        // The only external package: structured logging to stderr.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // A JSON value type with a fast parser and encoder, shared by the protocol and the model
        // (MCPProtocol must not know vCon, VConModel must not know MCP; both need the same JSON).
        .target(name: "JSONCore"),
        .target(name: "MCPProtocol", dependencies: [
            "JSONCore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "VConModel", dependencies: ["JSONCore"]),
        .systemLibrary(name: "CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .target(name: "Storage", dependencies: [
            "JSONCore", "VConModel", "CLibpq", "CHiredis",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "VConMCP", dependencies: [
            "JSONCore", "MCPProtocol", "VConModel", "Storage",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "ModelBenchmark", dependencies: ["JSONCore", "VConModel"]),
        .executableTarget(name: "StorageBenchmark", dependencies: [
            "JSONCore", "VConModel", "Storage", "CLibpq", "CHiredis",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Issue 6: speed over stdio (spawns the release binary) and libFuzzer targets. A fuzz
        // target replays files in a normal build; built with `-DFUZZING -sanitize=fuzzer` it is the
        // libFuzzer entry point (scripts/fuzz.sh).
        .executableTarget(name: "StdioBenchmark", dependencies: ["JSONCore", "CLibpq", "CHiredis"]),
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzJSONRPC", dependencies: [
            "FuzzSupport", "JSONCore", "MCPProtocol", .product(name: "Logging", package: "swift-log"),
        ], path: "Fuzz/FuzzJSONRPC"),
        .executableTarget(name: "FuzzVCon", dependencies: ["FuzzSupport", "JSONCore", "VConModel"], path: "Fuzz/FuzzVCon"),
        // Shared by the test targets: VCON_TEST_SLOW (timeouts stretched under sanitizers, see
        // scripts/sanitize.sh), the seeded generator, the saved fuzz inputs.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"]),
        .testTarget(name: "MCPProtocolTests", dependencies: ["MCPProtocol", "JSONCore", "TestSupport"]),
        .testTarget(name: "VConModelTests", dependencies: ["VConModel", "JSONCore", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: [
            "Storage", "VConModel", "JSONCore", "TestSupport",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(
            name: "VConMCPTests",
            dependencies: [
                "VConMCP", "JSONCore", "VConModel", "Storage", "MCPProtocol", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["python"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
