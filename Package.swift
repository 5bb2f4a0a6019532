// swift-tools-version: 6.1
// deltactl: a Swift-native Delta Lake engine and replication tool.
//
// Layers (arrows point down only):
//   ReplicateTool (the `deltactl` executable: commands only)
//     -> CSVIngest, Replication
//       -> DeltaLog (the Delta protocol)
//         -> Parquet (format codec), Storage (byte stores)
//           -> CZlib, CZstd, CSnappy, CLz4 (system libraries)
import PackageDescription

let package = Package(
    name: "deltactl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "deltactl", targets: ["ReplicateTool"]),
        .library(name: "DeltaLog", targets: ["DeltaLog"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "CSVIngest", targets: ["CSVIngest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System libraries (Debian: zlib1g-dev, libzstd-dev, libsnappy-dev, liblz4-dev).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CLz4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),

        // Formats and bytes.
        .target(name: "Parquet", dependencies: ["CZlib", "CZstd", "CSnappy", "CLz4"]),
        .target(name: "CStorageShims"),
        .target(name: "Storage", dependencies: ["CStorageShims"]),

        // The Delta protocol.
        .target(name: "DeltaLog", dependencies: ["Parquet", "Storage"]),

        // Operations.
        .target(name: "CSVIngest", dependencies: ["DeltaLog", "Parquet", "Storage"]),
        .target(
            name: "Replication",
            dependencies: ["DeltaLog", "Parquet", "Storage", .product(name: "Crypto", package: "swift-crypto")]),

        // The `deltactl` executable.
        .executableTarget(
            name: "ReplicateTool",
            dependencies: [
                "DeltaLog", "CSVIngest", "Replication", "Parquet", "Storage", "CStorageShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Fuzz targets (libFuzzer with -DFUZZING, a replay/mutation driver otherwise): see scripts/fuzz.sh.
        .executableTarget(
            name: "DeltactlFuzz", dependencies: ["DeltaLog", "Parquet", "CSVIngest", "Storage"], path: "Fuzz/DeltactlFuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),

        // Tests mirror Sources; TestSupport is shared.
        .target(name: "TestSupport", dependencies: ["Storage"], path: "Tests/TestSupport"),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "CStorageShims", "TestSupport"]),
        .testTarget(name: "DeltaLogTests", dependencies: ["DeltaLog", "Parquet", "Storage", "TestSupport"]),
        .testTarget(name: "CSVIngestTests", dependencies: ["CSVIngest", "DeltaLog", "TestSupport"]),
        .testTarget(name: "ReplicationTests", dependencies: ["Replication", "DeltaLog", "Parquet", "Storage", "TestSupport"]),
        .testTarget(name: "ReplicateToolTests", dependencies: ["DeltaLog", "Storage", "TestSupport"]),
        .testTarget(name: "RobustnessTests", dependencies: ["DeltaLog", "Parquet", "CSVIngest", "Replication", "Storage", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
