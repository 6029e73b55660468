// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex needs macOS 15; Linux ignores this.
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // The allocator of the sitegen program. A build makes and frees tens of millions of small
        // values on two threads; with glibc's malloc a tenth of a 10,000-article build's CPU was
        // spent in _int_malloc and its free-list upkeep, and jemalloc cut the build's CPU by about
        // a quarter at the same peak memory (docs/performance.md). Linux only: macOS's
        // allocator has no such cost.
        .systemLibrary(
            name: "CJemalloc", pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]),
        .target(
            name: "SitegenCore",
            dependencies: [
                "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
            ],
            // Exclusivity is still checked at compile time; the run-time checks (a thread-local
            // access set on every inout and class property access) were about a tenth of a
            // release build's CPU time. Unsafe flags are refused in packages that others depend
            // on, so SitegenCore is no library product: it is the sitegen program's own module.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(
            name: "SitegenServer",
            dependencies: [
                "SitegenCore",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenCore",
                "SitegenServer",
                .target(name: "CJemalloc", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "SitegenCoreTests", dependencies: ["SitegenCore"]),
        .testTarget(name: "SitegenCLITests", dependencies: ["sitegen"]),
        .testTarget(
            name: "SitegenServerTests",
            dependencies: [
                "SitegenServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ]
)
