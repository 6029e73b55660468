/// A table from IDs to numbers (an entity's position in its loaded list), for the resolver's
/// hundreds of thousands of lookups, one per reference, on every core at once.
///
/// A `[String: Int]` hashes each ID with SipHash and compares it with the key of every slot it
/// probes, reading that key's string from wherever it is in memory, and each read retains the
/// key: two cores looking up the same popular ID then pass its reference count to and fro. Here
/// each slot keeps a 32-bit hash, so the one key compared is almost always the one that matches,
/// and the keys' bytes are copied, one after another, into one buffer that is only read.
///
/// Keys are compared byte for byte, which is `String`'s `==` for valid IDs (``IDSyntax``: ASCII
/// letters, digits and hyphens); a table given any other key keeps a `[String: Int]` instead.
struct IDTable: Sendable {
    private struct Slot {
        /// The key's hash (never 0), or 0 for an empty slot.
        var hash: UInt32 = 0
        /// The key's length in bytes.
        var count: UInt32 = 0
        /// Where the key's bytes start in `bytes`.
        var offset: Int32 = 0
        var value: Int32 = 0
    }

    private var slots: [Slot]
    private var bytes: [UInt8] = []
    /// The table for keys other than valid IDs, once one was given.
    private var fallback: [String: Int]?
    /// The number of keys.
    private(set) var count = 0

    /// An empty table with room for `capacity` keys.
    init(capacity: Int) {
        var size = 16
        while size < capacity + capacity / 2 { size *= 2 }
        slots = [Slot](repeating: Slot(), count: size)
        bytes.reserveCapacity(capacity * 48)
    }

    /// The number of `id`, or nil when the table has no such key.
    func value(_ id: String) -> Int? {
        if let fallback { return fallback[id] }
        let found = id.utf8.withContiguousStorageIfAvailable { key in find(key).map { Int(slots[$0].value) } }
        return found ?? {
            var id = id
            return id.withUTF8 { key in find(key).map { Int(slots[$0].value) } }
        }()
    }

    /// Sets the number of `id` (adding the key when new) and returns the number it had.
    @discardableResult
    mutating func update(_ id: String, _ value: Int) -> Int? {
        if fallback == nil && !IDSyntax.isValid(id) { fallback = dictionary() }
        if fallback != nil { return fallback!.updateValue(value, forKey: id) }
        var id = id
        return id.withUTF8 { key in
            let hash = Self.hash(key)
            if let slot = find(key, hash: hash) {
                defer { slots[slot].value = Int32(value) }
                return Int(slots[slot].value)
            }
            if (count + 1) * 3 > slots.count * 2 { grow() }
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot].hash != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Slot(hash: hash, count: UInt32(key.count), offset: Int32(bytes.count), value: Int32(value))
            bytes.append(contentsOf: key)
            count += 1
            return nil
        }
    }

    /// The slot holding `key`, if any.
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32? = nil) -> Int? {
        let hash = hash ?? Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { bytes in
                while true {
                    let candidate = slots[slot]
                    if candidate.hash == 0 { return nil }
                    if candidate.hash == hash && Int(candidate.count) == key.count
                        && (key.isEmpty || memoryEqual(bytes.baseAddress! + Int(candidate.offset), key.baseAddress!, key.count)) {
                        return slot
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    private func memoryEqual(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let (left, right) = (UnsafeRawPointer(left), UnsafeRawPointer(right))
        var index = 0
        while index + 8 <= count {
            if left.loadUnaligned(fromByteOffset: index, as: UInt64.self) != right.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
            index += 8
        }
        while index < count {
            if left.load(fromByteOffset: index, as: UInt8.self) != right.load(fromByteOffset: index, as: UInt8.self) { return false }
            index += 1
        }
        return true
    }

    /// Twice as many slots, every key placed again.
    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry.hash != 0 {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot].hash != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// The same keys and numbers in a `[String: Int]`.
    private func dictionary() -> [String: Int] {
        var result: [String: Int] = [:]
        result.reserveCapacity(count)
        for slot in slots where slot.hash != 0 {
            result[String(decoding: bytes[Int(slot.offset)..<Int(slot.offset) + Int(slot.count)], as: UTF8.self)] = Int(slot.value)
        }
        return result
    }

    /// A hash of a key's bytes, never 0: eight bytes at a time, multiplied and mixed.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        var index = 0
        if let base = key.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= key.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x9FB2_1C65_1E98_DF25
                hash ^= hash >> 29
                index += 8
            }
            var tail: UInt64 = 0
            while index < key.count {
                tail = tail << 8 | UInt64(key[index])
                index += 1
            }
            hash = (hash ^ tail) &* 0x9FB2_1C65_1E98_DF25
        }
        hash ^= hash >> 32
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 29
        let folded = UInt32(truncatingIfNeeded: hash)
        return folded == 0 ? 1 : folded
    }
}
