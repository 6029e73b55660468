import Foundation

/// Draws actors and their relations as SVG, laid out in the build: the same actors and relations
/// give the same bytes. No script, no external service; colours and shapes come from the
/// stylesheet's `net-*` classes, so the drawing follows light and dark mode and print.
enum NetworkDiagram {
    /// An actor drawn as a node.
    struct Node {
        var id: String
        var name: String
        var kind: ActorKind
        var url: String
    }

    /// A relation drawn as an edge, from its subject to its object.
    struct Edge {
        var from: String
        var to: String
        /// "Member of": the relation as read from its subject.
        var label: String
        /// "since 2021", when the relation has dates.
        var period: String?
        /// Allied, opposed, partners: no arrow.
        var symmetric: Bool
    }

    /// The text an SVG gets for its accessible name and description.
    struct Caption {
        var title: String
        var description: String
        /// A prefix that keeps the SVG's element ids unique on the page.
        var idPrefix: String
    }

    /// One actor in the centre, the actors related to it on a circle around it, in the order given.
    static func ego(centre: Node, around: [Node], edges: [Edge], caption: Caption) -> String {
        let size = 640.0, middle = 320.0, radius = around.count > 12 ? 190.0 : 160.0
        var positions: [String: (x: Double, y: Double)] = [centre.id: (middle, middle)]
        var angles: [String: Double] = [:]
        for (index, node) in around.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(around.count, 1))
            angles[node.id] = angle
            positions[node.id] = (middle + radius * cos(angle), middle + radius * sin(angle))
        }
        var svg = open(width: size, height: size, caption: caption)
        svg += "<g class=\"net-edges\">"
        for edge in edges {
            guard let a = positions[edge.from], let b = positions[edge.to] else { continue }
            svg += line(a, b, startGap: edge.from == centre.id ? 18 : 11, endGap: edge.to == centre.id ? 20 : 13,
                        arrow: !edge.symmetric, caption: caption)
            // The label runs along the edge, halfway out, turned so that it never reads upside down.
            let other = edge.from == centre.id ? edge.to : edge.from
            guard let angle = angles[other], let far = positions[other] else { continue }
            let mid = (x: (middle + far.x) / 2, y: (middle + far.y) / 2)
            var degrees = angle * 180 / Double.pi
            if degrees > 90 || degrees < -90 { degrees += 180 }
            svg += "<text class=\"net-edge-label\" text-anchor=\"middle\" transform=\"translate(\(n(mid.x)) \(n(mid.y))) rotate(\(n(degrees)))\">"
            svg += "<tspan x=\"0\" dy=\"-5\">\(HTMLEscaping.escape(edge.label))</tspan>"
            if let period = edge.period { svg += "<tspan x=\"0\" dy=\"15\">\(HTMLEscaping.escape(period))</tspan>" }
            svg += "</text>"
        }
        svg += "</g>"
        svg += node(centre, at: (middle, middle), size: 16, labelAt: (middle, middle + 34), anchor: "middle", centre: true)
        for node in around {
            guard let angle = angles[node.id], let p = positions[node.id] else { continue }
            let (dx, dy) = (cos(angle), sin(angle))
            let anchor = dx > 0.3 ? "start" : (dx < -0.3 ? "end" : "middle")
            let label = (p.x + dx * 16, p.y + dy * 16 + (dy > 0.3 ? 12 : (dy < -0.3 ? -4 : 5)))
            svg += self.node(node, at: p, size: 10, labelAt: label, anchor: anchor, centre: false)
        }
        return svg + "</svg>"
    }

    /// Many actors on one circle, grouped by kind (in the order given), their relations as chords.
    static func circle(_ nodes: [Node], edges: [Edge], caption: Caption) -> String {
        let size = 900.0, middle = 450.0, radius = 250.0
        var positions: [String: (x: Double, y: Double)] = [:]
        var angles: [String: Double] = [:]
        for (index, node) in nodes.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(nodes.count, 1))
            angles[node.id] = angle
            positions[node.id] = (middle + radius * cos(angle), middle + radius * sin(angle))
        }
        var svg = open(width: size, height: size, caption: caption)
        svg += "<g class=\"net-edges\">"
        for edge in edges {
            guard let a = positions[edge.from], let b = positions[edge.to] else { continue }
            svg += line(a, b, startGap: 9, endGap: 11, arrow: !edge.symmetric, caption: caption,
                        title: edge.label + (edge.period.map { " (\($0))" } ?? ""))
        }
        svg += "</g>"
        for node in nodes {
            guard let angle = angles[node.id], let p = positions[node.id] else { continue }
            var degrees = angle * 180 / Double.pi
            let flipped = degrees > 90 || degrees < -90
            if flipped { degrees += 180 }
            let label = "<text class=\"net-label\" text-anchor=\"\(flipped ? "end" : "start")\" dominant-baseline=\"middle\" "
                + "transform=\"translate(\(n(p.x)) \(n(p.y))) rotate(\(n(degrees))) translate(\(flipped ? -14 : 14) 0)\">"
                + HTMLEscaping.escape(node.name) + "</text>"
            svg += "<a href=\"\(HTMLEscaping.escape(node.url))\" class=\"net-node net-\(node.kind.rawValue)\">"
                + shape(node.kind, at: p, size: 8) + label + "</a>"
        }
        return svg + "</svg>"
    }

    /// A small shape of a kind, for the legend.
    static func legendShape(_ kind: ActorKind) -> String {
        "<svg class=\"net-key net-\(kind.rawValue)\" viewBox=\"0 0 20 20\" width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\">"
            + shape(kind, at: (10, 10), size: 8) + "</svg>"
    }

    // MARK: - Pieces

    private static func open(width: Double, height: Double, caption: Caption) -> String {
        let prefix = caption.idPrefix
        return "<svg class=\"net\" viewBox=\"0 0 \(n(width)) \(n(height))\" aria-labelledby=\"\(prefix)_title\" aria-describedby=\"\(prefix)_desc\">"
            + "<title id=\"\(prefix)_title\">\(HTMLEscaping.escape(caption.title))</title>"
            + "<desc id=\"\(prefix)_desc\">\(HTMLEscaping.escape(caption.description))</desc>"
            + "<defs><marker id=\"\(prefix)_arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
            + "<path class=\"net-arrow\" d=\"M0 0L10 5L0 10z\"/></marker></defs>"
    }

    private static func line(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), startGap: Double, endGap: Double,
                             arrow: Bool, caption: Caption, title: String? = nil) -> String {
        let length = max(((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot(), 1)
        let (ux, uy) = ((b.x - a.x) / length, (b.y - a.y) / length)
        let start = (a.x + ux * startGap, a.y + uy * startGap), end = (b.x - ux * endGap, b.y - uy * endGap)
        let marker = arrow ? " marker-end=\"url(#\(caption.idPrefix)_arrow)\"" : ""
        let body = title.map { "<title>\(HTMLEscaping.escape($0))</title>" } ?? ""
        return "<line class=\"net-edge\" x1=\"\(n(start.0))\" y1=\"\(n(start.1))\" x2=\"\(n(end.0))\" y2=\"\(n(end.1))\"\(marker)>\(body)</line>"
    }

    private static func node(_ node: Node, at p: (x: Double, y: Double), size: Double, labelAt label: (x: Double, y: Double),
                             anchor: String, centre: Bool) -> String {
        var svg = "<a href=\"\(HTMLEscaping.escape(node.url))\" class=\"net-node net-\(node.kind.rawValue)\(centre ? " net-centre" : "")\""
        if centre { svg += " aria-current=\"page\"" }
        svg += ">" + shape(node.kind, at: p, size: size)
        let lines = wrap(node.name, width: 18)
        let firstDy = label.y < p.y && lines.count > 1 ? -Double(lines.count - 1) * 16 : 0
        svg += "<text class=\"net-label\" x=\"\(n(label.x))\" y=\"\(n(label.y + firstDy))\" text-anchor=\"\(anchor)\">"
        for (index, text) in lines.enumerated() {
            svg += "<tspan x=\"\(n(label.x))\"\(index == 0 ? "" : " dy=\"16\"")>\(HTMLEscaping.escape(text))</tspan>"
        }
        return svg + "</text></a>"
    }

    /// Circles for people, squares for states and governments, diamonds for organisations and
    /// alliances, triangles for armed groups and military forces: kinds stay apart without colour.
    private static func shape(_ kind: ActorKind, at p: (x: Double, y: Double), size s: Double) -> String {
        switch kind {
        case .person:
            return "<circle class=\"net-shape\" cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(s))\"/>"
        case .state, .government:
            return "<rect class=\"net-shape\" x=\"\(n(p.x - s * 0.9))\" y=\"\(n(p.y - s * 0.9))\" width=\"\(n(s * 1.8))\" height=\"\(n(s * 1.8))\"/>"
        case .organization, .alliance:
            return "<path class=\"net-shape\" d=\"M\(n(p.x)) \(n(p.y - s * 1.2))L\(n(p.x + s * 1.2)) \(n(p.y))L\(n(p.x)) \(n(p.y + s * 1.2))L\(n(p.x - s * 1.2)) \(n(p.y))z\"/>"
        case .armedGroup, .militaryForce:
            return "<path class=\"net-shape\" d=\"M\(n(p.x)) \(n(p.y - s * 1.2))L\(n(p.x + s * 1.1)) \(n(p.y + s * 0.8))L\(n(p.x - s * 1.1)) \(n(p.y + s * 0.8))z\"/>"
        }
    }

    /// Words in lines of at most about `width` characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A coordinate with at most one decimal, written the same on every machine.
    static func n(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths) / 10, fraction = abs(Int(tenths) % 10)
        if fraction == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }
}
