import Foundation

/// A number for each entity the session has seen linked (or listed), found from the bytes of a
/// link (its kind and the ID's bytes) without making a String of it: what ``PageLinks`` counts
/// and ``PageDependencies`` records. Numbers are given in turn and kept for the session (an
/// entity removed keeps its number, and gets it back when it comes back).
///
/// The table is open-addressed on a hash of the kind and the ID's bytes, the IDs' bytes kept one
/// after another: a look-up hashes the link's bytes and compares them with the few entries of its
/// slots, where a `Set<Ref>` or `[Ref: Int]` makes a String of each link and hashes it with a
/// seeded hasher (most of the cost of finding a rendered page's links).
struct RefNumbers: Sendable {
    /// The entities, by number.
    private(set) var refs: [Ref] = []
    /// Each entity's kind, as ``kindCode(_:)`` gives it, and hash, by number.
    private var kinds: [UInt8] = []
    private var hashes: [UInt64] = []
    /// The IDs' bytes, one after another: the ID of entity `n` is `bytes[starts[n]..<starts[n + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// The table: a number, or -1 for an empty slot; its count is a power of two, at least twice the entities'.
    private var slots = [Int32](repeating: -1, count: 64)

    /// How many entities have numbers.
    var count: Int { refs.count }

    /// The entity numbered `number`.
    subscript(number: Int32) -> Ref { refs[Int(number)] }

    /// The number of `ref`, or nil when it has none.
    func number(of ref: Ref) -> Int32? {
        var id = ref.id
        return id.withUTF8 { id in withLookUp { $0.number(kind: Self.kindCode(ref.kind), id) } }
    }

    /// The number of `ref`, given it if it has none.
    mutating func insert(_ ref: Ref) -> Int32 {
        if let number = number(of: ref) { return number }
        let number = Int32(refs.count)
        let kind = Self.kindCode(ref.kind)
        var id = ref.id
        let hash = id.withUTF8 { Self.hash(kind: kind, $0) }
        refs.append(ref)
        kinds.append(kind)
        hashes.append(hash)
        bytes.append(contentsOf: ref.id.utf8)
        starts.append(bytes.count)
        if refs.count * 2 > slots.count {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            for index in hashes.indices { place(Int32(index), hash: hashes[index]) }
        } else {
            place(number, hash: hash)
        }
        return number
    }

    private mutating func place(_ number: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = number
    }

    /// Calls `body` with a view of the table that finds numbers from bytes (valid during the call only).
    func withLookUp<Result>(_ body: (LookUp) throws -> Result) rethrows -> Result {
        try slots.withUnsafeBufferPointer { slots in
            try kinds.withUnsafeBufferPointer { kinds in
                try hashes.withUnsafeBufferPointer { hashes in
                    try bytes.withUnsafeBufferPointer { bytes in
                        try starts.withUnsafeBufferPointer { starts in
                            try body(LookUp(slots: slots, kinds: kinds, hashes: hashes, bytes: bytes, starts: starts))
                        }
                    }
                }
            }
        }
    }

    /// The table, read through pointers.
    struct LookUp {
        fileprivate let slots: UnsafeBufferPointer<Int32>
        fileprivate let kinds: UnsafeBufferPointer<UInt8>
        fileprivate let hashes: UnsafeBufferPointer<UInt64>
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate let starts: UnsafeBufferPointer<Int>

        /// The number of the entity of kind `kind` (``kindCode(_:)``) whose ID is `id`, or nil when it has none.
        func number(kind: UInt8, _ id: UnsafeBufferPointer<UInt8>) -> Int32? {
            let hash = RefNumbers.hash(kind: kind, id)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let number = slots[slot]
                if number < 0 { return nil }
                let entry = Int(number)
                if hashes[entry] == hash && kinds[entry] == kind {
                    let start = starts[entry]
                    if starts[entry + 1] - start == id.count && (id.isEmpty || memcmp(bytes.baseAddress! + start, id.baseAddress!, id.count) == 0) {
                        return number
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// A kind as a byte (its place among the kinds).
    static func kindCode(_ kind: EntityKind) -> UInt8 {
        UInt8(EntityKind.allCases.firstIndex(of: kind)!)
    }

    /// A hash of a kind and an ID's bytes, eight bytes at a time (multiplied and folded: enough to
    /// spread IDs over the table, not meant to withstand chosen collisions, which would only make
    /// look-ups slower).
    static func hash(kind: UInt8, _ id: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let factor: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = (UInt64(kind) << 56 | UInt64(id.count)) &* factor
        guard let base = id.baseAddress else { return hash ^ hash >> 32 }
        var offset = 0
        while offset + 8 <= id.count {
            hash = (hash ^ UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)) &* factor
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < id.count {
            tail |= UInt64(base[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* factor
        return hash ^ hash >> 32
    }
}
