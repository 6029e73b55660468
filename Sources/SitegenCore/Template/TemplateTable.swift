/// Named values made once and read on every page (the theme's words, `t`): a table found by the
/// code of each name (``TemplateKey/code``), so that a look-up hashes no text.
struct TemplateTable: TemplateObject, TemplateRepresentable {
    /// Each slot holds 1 + the index of an entry in `entries`, or 0 when empty.
    private var slots: [Int32]
    private var keys: [TemplateKey]
    private var values: [TemplateValue]
    /// How far a code is shifted to give its first slot (64 - log2 of the slot count).
    private var shift: UInt64

    /// A table of `fields`; they are read like a dictionary's (`{{t.nav.home}}`).
    init(_ fields: [String: TemplateValue]) {
        keys = fields.keys.map(TemplateKey.init)
        values = keys.map { fields[$0.name]! }
        var bits: UInt64 = 2
        while (1 << bits) < 2 * keys.count { bits += 1 }
        shift = 64 - bits
        slots = Array(repeating: 0, count: 1 << bits)
        for (index, key) in keys.enumerated() {
            var slot = Self.slot(of: key.code, shift: shift)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(index + 1)
        }
    }

    private static func slot(of code: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (code &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    func value(at path: TemplatePath) -> TemplateValue? {
        let key = path[path.startIndex]
        var slot = Self.slot(of: key.code, shift: shift)
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if keys[entry - 1].code == key.code && keys[entry - 1].name == key.name {
                return values[entry - 1].templateValue(at: path.dropFirst())
            }
            slot = (slot + 1) & (slots.count - 1)
        }
    }
}
