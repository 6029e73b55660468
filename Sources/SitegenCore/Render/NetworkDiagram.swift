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
        /// The names of the two actors, for the edge's tooltip.
        var fromName: String = ""
        var toName: String = ""
    }

    /// The text an SVG gets for its accessible name and description.
    struct Caption {
        var title: String
        var description: String
        /// A prefix that keeps the SVG's element ids unique on the page.
        var idPrefix: String
    }

    /// The most related actors an actor's own diagram draws; the text list below it has them all.
    static let egoLimit = 12

    /// The most actors the site-wide diagram draws: the most connected ones.
    static let mapLimit = 40

    typealias Point = (x: Double, y: Double)

    /// One actor in the centre, the actors related to it on a circle around it, in the order given.
    /// Labels are level and kept apart: each node's name is pushed outwards until it is clear of
    /// the others, each edge's label is tried at points along its edge and beside it until it
    /// is clear of every other label and node.
    static func ego(centre: Node, around: [Node], edges: [Edge], caption: Caption) -> String {
        let radius = around.count > 6 ? 200.0 : 140.0
        var positions: [String: Point] = [centre.id: (0, 0)]
        let centreLines = wrap(centre.name, width: 22)
        let centreLabel = LabelBox.text(centreLines, x: 0, y: 36, anchor: "middle", fontSize: 14, lineHeight: 16, bold: true)
        var taken: [LabelBox] = [LabelBox(x: -18, y: -18, width: 36, height: 36), centreLabel]
        var nodesSVG = node(centre, at: (0, 0), size: 16, lines: centreLines, labelAt: (0, 36), anchor: "middle", centre: true)
        for (index, node) in around.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(around.count, 1))
            let (dx, dy) = (cos(angle), sin(angle))
            let p = (x: radius * dx, y: radius * dy)
            positions[node.id] = p
            let lines = wrap(node.name, width: 18)
            let anchor = dx > 0.3 ? "start" : (dx < -0.3 ? "end" : "middle")
            var label = (x: 0.0, y: 0.0), box = LabelBox(x: 0, y: 0, width: 0, height: 0)
            for push in 0..<8 {
                let reach = 16 + Double(push) * 8
                var y = p.y + dy * reach
                if dy > 0.3 { y += 12 } else if dy < -0.3 { y -= 4 + Double(lines.count - 1) * 16 } else { y += 5 - Double(lines.count - 1) * 8 }
                label = (p.x + dx * reach, y)
                box = LabelBox.text(lines, x: label.x, y: label.y, anchor: anchor, fontSize: 14, lineHeight: 16, bold: true)
                if !taken.contains(where: { $0.overlaps(box, margin: 2) }) { break }
            }
            taken.append(box)
            taken.append(LabelBox(x: p.x - 12, y: p.y - 12, width: 24, height: 24))
            nodesSVG += self.node(node, at: p, size: 10, lines: lines, labelAt: label, anchor: anchor, centre: false)
        }
        // Edges between the same two actors share one label, one line of it per relation.
        var order: [String] = []
        var between: [String: [Edge]] = [:]
        for edge in edges {
            let other = edge.from == centre.id ? edge.to : edge.from
            guard other != centre.id, positions[other] != nil else { continue }
            if between[other] == nil { order.append(other) }
            between[other, default: []].append(edge)
        }
        var edgesSVG = "", labelsSVG = ""
        for other in order {
            let group = between[other]!, far = positions[other]!
            let length = max((far.x * far.x + far.y * far.y).squareRoot(), 1)
            let (ux, uy) = (far.x / length, far.y / length)
            for (index, edge) in group.enumerated() {
                let shift = (Double(index) - Double(group.count - 1) / 2) * 6
                let a = positions[edge.from]!, b = positions[edge.to]!
                edgesSVG += line((a.x - uy * shift, a.y + ux * shift), (b.x - uy * shift, b.y + ux * shift),
                                 startGap: edge.from == centre.id ? 18 : 11, endGap: edge.to == centre.id ? 20 : 13,
                                 arrow: !edge.symmetric, caption: caption)
            }
            let lines = group.flatMap { [$0.label] + ($0.period.map { [$0] } ?? []) }
            let size = LabelBox.text(lines, x: 0, y: 0, anchor: "middle", fontSize: 12, lineHeight: 14)
            var chosen: (x: Double, y: Double)? = nil, firstTry: (x: Double, y: Double)? = nil
            search: for along in [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74] {
                for side in [0.0, 1, -1] {
                    let offset = side * (size.height / 2 + 4)
                    let middle = (x: far.x * along - uy * offset, y: far.y * along + ux * offset)
                    let box = LabelBox(x: middle.x - size.width / 2, y: middle.y - size.height / 2, width: size.width, height: size.height)
                    if firstTry == nil { firstTry = middle }
                    if !taken.contains(where: { $0.overlaps(box, margin: 2) }) { chosen = middle; break search }
                }
            }
            let middle = chosen ?? firstTry!
            taken.append(LabelBox(x: middle.x - size.width / 2, y: middle.y - size.height / 2, width: size.width, height: size.height))
            let baseline = middle.y - size.height / 2 + 12 * 0.8
            labelsSVG += background(LabelBox(x: middle.x - size.width / 2, y: middle.y - size.height / 2, width: size.width, height: size.height))
            labelsSVG += "<text class=\"net-edge-label\" x=\"\(n(middle.x))\" y=\"\(n(baseline))\" text-anchor=\"middle\">"
            for (index, text) in lines.enumerated() {
                labelsSVG += "<tspan x=\"\(n(middle.x))\"\(index == 0 ? "" : " dy=\"14\"")>\(HTMLEscaping.escape(text))</tspan>"
            }
            labelsSVG += "</text>"
        }
        let view = bounds(of: taken, margin: 8)
        return open(view, caption: caption, extraClass: "net-ego") + "<g class=\"net-edges\">" + edgesSVG + "</g>"
            + "<g class=\"net-edge-labels\">" + labelsSVG + "</g>" + nodesSVG + "</svg>"
    }

    /// Many actors on one circle, grouped by kind (in the order given, an arc of the kind's colour
    /// under each group), their relations as curves through the inside. An edge's label is drawn
    /// at the first point of its curve where it is clear of every other label; an edge with no
    /// room for one keeps its words in its tooltip, and in the text list that goes with the drawing.
    static func map(_ nodes: [Node], edges: [Edge], caption: Caption) -> String {
        // One empty slot between two kinds, and between the last kind and the first.
        var slots: [Int] = []
        var runs: [(kind: ActorKind, first: Int, last: Int)] = []
        var slot = 0
        for (index, node) in nodes.enumerated() {
            if index > 0, node.kind != nodes[index - 1].kind { slot += 1 }
            slots.append(slot)
            if runs.last?.kind == node.kind { runs[runs.count - 1].last = slot } else { runs.append((node.kind, slot, slot)) }
            slot += 1
        }
        let total = max(slot + (runs.count > 1 ? 1 : 0), 1)
        let radius = max(170, Double(total) * 34 / (2 * Double.pi))
        func angle(_ slot: Double) -> Double { -Double.pi / 2 + 2 * Double.pi * slot / Double(total) }
        var positions: [String: Point] = [:]
        var nodesSVG = ""
        var drawn: [LabelBox] = [LabelBox(x: -radius - 10, y: -radius - 10, width: 2 * radius + 20, height: 2 * radius + 20)]
        for (index, node) in nodes.enumerated() {
            let a = angle(Double(slots[index]))
            let p = (x: radius * cos(a), y: radius * sin(a))
            positions[node.id] = p
            // The label runs outwards from the node: its far end, and a little either side, bound the drawing.
            let reach = radius + 13 + LabelBox.textWidth(node.name, fontSize: 13)
            drawn.append(LabelBox(x: reach * cos(a) - 9, y: reach * sin(a) - 9, width: 18, height: 18))
            var degrees = a * 180 / Double.pi
            let flipped = degrees > 90 || degrees < -90
            if flipped { degrees += 180 }
            let label = "<text class=\"net-label\" text-anchor=\"\(flipped ? "end" : "start")\" dominant-baseline=\"middle\" "
                + "transform=\"translate(\(n(p.x)) \(n(p.y))) rotate(\(n(degrees))) translate(\(flipped ? -13 : 13) 0)\">"
                + HTMLEscaping.escape(node.name) + "</text>"
            nodesSVG += "<a href=\"\(HTMLEscaping.escape(node.url))\" class=\"net-node net-\(node.kind.rawValue)\">"
                + shape(node.kind, at: p, size: 7) + label + "</a>"
        }
        var arcsSVG = ""
        if runs.count > 1 {
            for run in runs {
                let from = angle(Double(run.first) - 0.4), to = angle(Double(run.last) + 0.4)
                let r = radius + 0.0
                arcsSVG += "<path class=\"net-group net-\(run.kind.rawValue)\" d=\"M\(n(r * cos(from))) \(n(r * sin(from)))"
                    + "A\(n(r)) \(n(r)) 0 \(to - from > Double.pi ? 1 : 0) 1 \(n(r * cos(to))) \(n(r * sin(to)))\"/>"
            }
        }
        // Two relations between the same actors bend apart.
        var pairCount: [String: Int] = [:], pairIndex: [String: Int] = [:]
        func pairKey(_ edge: Edge) -> String { min(edge.from, edge.to) + "\u{0}" + max(edge.from, edge.to) }
        for edge in edges { pairCount[pairKey(edge), default: 0] += 1 }
        var edgesSVG = "", labelsSVG = ""
        var taken: [LabelBox] = []
        let inside = radius - 16
        for edge in edges {
            guard let a = positions[edge.from], let b = positions[edge.to], edge.from != edge.to else { continue }
            let key = pairKey(edge)
            let index = pairIndex[key, default: 0]
            pairIndex[key] = index + 1
            let (low, high) = edge.from < edge.to ? (a, b) : (b, a)
            let length = max(((high.x - low.x) * (high.x - low.x) + (high.y - low.y) * (high.y - low.y)).squareRoot(), 1)
            let perpendicular = (x: -(high.y - low.y) / length, y: (high.x - low.x) / length)
            let bend = (Double(index) - Double(pairCount[key]! - 1) / 2) * 24
            let control = (x: (a.x + b.x) / 2 * 0.3 + perpendicular.x * bend, y: (a.y + b.y) / 2 * 0.3 + perpendicular.y * bend)
            let start = towards(a, control, by: 10), end = towards(b, control, by: edge.symmetric ? 10 : 12)
            let marker = edge.symmetric ? "" : " marker-end=\"url(#\(caption.idPrefix)_arrow)\""
            let words = edge.label + (edge.period.map { " (\($0))" } ?? "")
            edgesSVG += "<path class=\"net-edge\" d=\"M\(n(start.x)) \(n(start.y))Q\(n(control.x)) \(n(control.y)) \(n(end.x)) \(n(end.y))\"\(marker)>"
                + "<title>\(HTMLEscaping.escape(edge.fromName)) – \(HTMLEscaping.escape(words)) – \(HTMLEscaping.escape(edge.toName))</title></path>"
            let lines = [edge.label] + (edge.period.map { [$0] } ?? [])
            let size = LabelBox.text(lines, x: 0, y: 0, anchor: "middle", fontSize: 11, lineHeight: 13)
            for t in [0.5, 0.4, 0.6, 0.3, 0.7] {
                let u = 1 - t
                let point = (x: u * u * a.x + 2 * u * t * control.x + t * t * b.x, y: u * u * a.y + 2 * u * t * control.y + t * t * b.y)
                let box = LabelBox(x: point.x - size.width / 2, y: point.y - size.height / 2, width: size.width, height: size.height)
                let corners = [(box.x, box.y), (box.maxX, box.y), (box.x, box.maxY), (box.maxX, box.maxY)]
                guard corners.allSatisfy({ ($0.0 * $0.0 + $0.1 * $0.1).squareRoot() < inside }),
                      !taken.contains(where: { $0.overlaps(box, margin: 1) }) else { continue }
                taken.append(box)
                let baseline = box.y + 11 * 0.8
                labelsSVG += background(box)
                labelsSVG += "<text class=\"net-edge-label net-small\" x=\"\(n(point.x))\" y=\"\(n(baseline))\" text-anchor=\"middle\">"
                for (index, text) in lines.enumerated() {
                    labelsSVG += "<tspan x=\"\(n(point.x))\"\(index == 0 ? "" : " dy=\"13\"")>\(HTMLEscaping.escape(text))</tspan>"
                }
                labelsSVG += "</text>"
                break
            }
        }
        let view = bounds(of: drawn, margin: 4)
        return open(view, caption: caption, extraClass: "net-map") + arcsSVG + "<g class=\"net-edges\">" + edgesSVG + "</g>"
            + "<g class=\"net-edge-labels\">" + labelsSVG + "</g>" + nodesSVG + "</svg>"
    }

    /// A small shape of a kind, for the legend.
    static func legendShape(_ kind: ActorKind) -> String {
        "<svg class=\"net-key net-\(kind.rawValue)\" viewBox=\"0 0 20 20\" width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\">"
            + shape(kind, at: (10, 10), size: 8) + "</svg>"
    }

    // MARK: - Pieces

    private static func open(_ view: LabelBox, caption: Caption, extraClass: String) -> String {
        let prefix = caption.idPrefix
        return "<svg class=\"net \(extraClass)\" viewBox=\"\(n(view.x)) \(n(view.y)) \(n(view.width)) \(n(view.height))\" "
            + "aria-labelledby=\"\(prefix)_title\" aria-describedby=\"\(prefix)_desc\">"
            + "<title id=\"\(prefix)_title\">\(HTMLEscaping.escape(caption.title))</title>"
            + "<desc id=\"\(prefix)_desc\">\(HTMLEscaping.escape(caption.description))</desc>"
            + "<defs><marker id=\"\(prefix)_arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
            + "<path class=\"net-arrow\" d=\"M0 0L10 5L0 10z\"/></marker></defs>"
    }

    /// A plate in the page's colour under an edge's label, so that the line does not run through its words.
    private static func background(_ box: LabelBox) -> String {
        "<rect class=\"net-label-bg\" x=\"\(n(box.x - 2))\" y=\"\(n(box.y - 1))\" width=\"\(n(box.width + 4))\" height=\"\(n(box.height + 2))\" rx=\"3\"/>"
    }

    /// The smallest box holding `boxes`, grown by `margin`.
    private static func bounds(of boxes: [LabelBox], margin: Double) -> LabelBox {
        let minX = (boxes.map(\.x).min() ?? 0) - margin, minY = (boxes.map(\.y).min() ?? 0) - margin
        let maxX = (boxes.map(\.maxX).max() ?? 0) + margin, maxY = (boxes.map(\.maxY).max() ?? 0) + margin
        return LabelBox(x: minX.rounded(.down), y: minY.rounded(.down), width: (maxX - minX).rounded(.up), height: (maxY - minY).rounded(.up))
    }

    /// The point `distance` from `a` on the way to `b`.
    private static func towards(_ a: Point, _ b: Point, by distance: Double) -> Point {
        let length = max(((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot(), 1)
        return (a.x + (b.x - a.x) / length * distance, a.y + (b.y - a.y) / length * distance)
    }

    private static func line(_ a: Point, _ b: Point, startGap: Double, endGap: Double, arrow: Bool, caption: Caption) -> String {
        let start = towards(a, b, by: startGap), end = towards(b, a, by: endGap)
        let marker = arrow ? " marker-end=\"url(#\(caption.idPrefix)_arrow)\"" : ""
        return "<line class=\"net-edge\" x1=\"\(n(start.x))\" y1=\"\(n(start.y))\" x2=\"\(n(end.x))\" y2=\"\(n(end.y))\"\(marker)/>"
    }

    private static func node(_ node: Node, at p: Point, size: Double, lines: [String], labelAt label: Point,
                             anchor: String, centre: Bool) -> String {
        var svg = "<a href=\"\(HTMLEscaping.escape(node.url))\" class=\"net-node net-\(node.kind.rawValue)\(centre ? " net-centre" : "")\""
        if centre { svg += " aria-current=\"page\"" }
        svg += ">" + shape(node.kind, at: p, size: size)
        svg += "<text class=\"net-label\" x=\"\(n(label.x))\" y=\"\(n(label.y))\" text-anchor=\"\(anchor)\">"
        for (index, text) in lines.enumerated() {
            svg += "<tspan x=\"\(n(label.x))\"\(index == 0 ? "" : " dy=\"16\"")>\(HTMLEscaping.escape(text))</tspan>"
        }
        return svg + "</text></a>"
    }

    /// Circles for people, squares for states and governments, diamonds for organisations and
    /// alliances, triangles for armed groups and military forces: kinds stay apart without colour.
    private static func shape(_ kind: ActorKind, at p: Point, size s: Double) -> String {
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
