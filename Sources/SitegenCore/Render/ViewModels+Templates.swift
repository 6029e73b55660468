// Field look-up for templates: each case returns the stored property of the same name as a
// TemplateValue; a test checks that every stored property is reachable.

extension PageView: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "title": return title.templateValue
        case "heading": return heading.templateValue
        case "description": return description.templateValue
        case "lang": return lang.templateValue
        case "canonical": return canonical.templateValue
        case "ogType": return ogType.templateValue
        case "root": return root.templateValue
        case "path": return path.templateValue
        case "stylesheet": return stylesheet.templateValue
        case "assets": return assets.templateValue
        case "jsonLD": return jsonLD.templateValue
        case "nav": return nav.templateValue
        case "feed": return feed.templateValue
        case "site": return site.templateValue
        default: return .null
        }
    }
}

extension SiteView: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "title": return title.templateValue
        case "description": return description.templateValue
        case "language": return language.templateValue
        case "baseURL": return baseURL.templateValue
        default: return .null
        }
    }
}

extension NavItem: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "label": return label.templateValue
        case "url": return url.templateValue
        case "current": return current.templateValue
        default: return .null
        }
    }
}

extension LinkItem: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "title": return title.templateValue
        case "url": return url.templateValue
        case "detail": return detail.templateValue
        default: return .null
        }
    }
}

extension DateView: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "text": return text.templateValue
        case "iso": return iso.templateValue
        default: return .null
        }
    }
}

extension EventItem: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "id": return id.templateValue
        case "url": return url.templateValue
        case "title": return title.templateValue
        case "date": return date.templateValue
        case "summaryHTML": return summaryHTML.templateValue
        case "hasSummary": return hasSummary.templateValue
        case "place": return place.templateValue
        case "actors": return actors.templateValue
        case "hasActors": return hasActors.templateValue
        default: return .null
        }
    }
}

extension SourceEntry: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "number": return number.templateValue
        case "anchor": return anchor.templateValue
        case "title": return title.templateValue
        case "outlet": return outlet.templateValue
        case "date": return date.templateValue
        case "url": return url.templateValue
        case "originalURL": return originalURL.templateValue
        default: return .null
        }
    }
}

extension CitationMark: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "number": return number.templateValue
        case "anchor": return anchor.templateValue
        default: return .null
        }
    }
}

extension QuoteItem: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "text": return text.templateValue
        case "article": return article.templateValue
        case "outlet": return outlet.templateValue
        case "date": return date.templateValue
        case "citation": return citation.templateValue
        case "verified": return verified.templateValue
        case "originalURL": return originalURL.templateValue
        default: return .null
        }
    }
}

extension FactItem: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "label": return label.templateValue
        case "differ": return differ.templateValue
        case "values": return values.templateValue
        default: return .null
        }
    }
}

extension FactValueItem: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "value": return value.templateValue
        case "citations": return citations.templateValue
        case "quotes": return quotes.templateValue
        default: return .null
        }
    }
}

extension RelationGroup: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "label": return label.templateValue
        case "items": return items.templateValue
        default: return .null
        }
    }
}

extension RelationItem: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "actor": return actor.templateValue
        case "period": return period.templateValue
        case "citations": return citations.templateValue
        case "hasCitations": return hasCitations.templateValue
        default: return .null
        }
    }
}

extension ActorGroup: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "id": return id.templateValue
        case "title": return title.templateValue
        case "actors": return actors.templateValue
        default: return .null
        }
    }
}

extension YearGroup: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "year": return year.templateValue
        case "id": return id.templateValue
        case "events": return events.templateValue
        default: return .null
        }
    }
}

extension BacklinkSection: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "title": return title.templateValue
        case "items": return items.templateValue
        default: return .null
        }
    }
}

extension HomePage: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "page": return page.templateValue
        case "introHTML": return introHTML.templateValue
        case "hasIntro": return hasIntro.templateValue
        case "notes": return notes.templateValue
        case "hasNotes": return hasNotes.templateValue
        case "events": return events.templateValue
        case "hasEvents": return hasEvents.templateValue
        case "actorGroups": return actorGroups.templateValue
        case "hasActors": return hasActors.templateValue
        case "timelineURL": return timelineURL.templateValue
        case "sources": return sources.templateValue
        case "hasSources": return hasSources.templateValue
        default: return .null
        }
    }
}

extension TimelinePage: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "page": return page.templateValue
        case "years": return years.templateValue
        case "hasEvents": return hasEvents.templateValue
        case "sources": return sources.templateValue
        case "hasSources": return hasSources.templateValue
        default: return .null
        }
    }
}

extension EventPage: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "page": return page.templateValue
        case "event": return event.templateValue
        case "timelineURL": return timelineURL.templateValue
        case "quotes": return quotes.templateValue
        case "facts": return facts.templateValue
        case "hasFacts": return hasFacts.templateValue
        case "notes": return notes.templateValue
        case "hasNotes": return hasNotes.templateValue
        case "backlinks": return backlinks.templateValue
        case "hasBacklinks": return hasBacklinks.templateValue
        case "sources": return sources.templateValue
        case "hasSources": return hasSources.templateValue
        default: return .null
        }
    }
}

extension ActorPage: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "page": return page.templateValue
        case "name": return name.templateValue
        case "kind": return kind.templateValue
        case "role": return role.templateValue
        case "fullName": return fullName.templateValue
        case "aliases": return aliases.templateValue
        case "profileHTML": return profileHTML.templateValue
        case "hasProfile": return hasProfile.templateValue
        case "relations": return relations.templateValue
        case "hasRelations": return hasRelations.templateValue
        case "facts": return facts.templateValue
        case "hasFacts": return hasFacts.templateValue
        case "events": return events.templateValue
        case "hasEvents": return hasEvents.templateValue
        case "notes": return notes.templateValue
        case "hasNotes": return hasNotes.templateValue
        case "backlinks": return backlinks.templateValue
        case "hasBacklinks": return hasBacklinks.templateValue
        case "sources": return sources.templateValue
        case "hasSources": return hasSources.templateValue
        default: return .null
        }
    }
}

extension ArticlePage: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "page": return page.templateValue
        case "title": return title.templateValue
        case "outlet": return outlet.templateValue
        case "published": return published.templateValue
        case "updated": return updated.templateValue
        case "author": return author.templateValue
        case "originalURL": return originalURL.templateValue
        case "bodyHTML": return bodyHTML.templateValue
        case "events": return events.templateValue
        case "hasEvents": return hasEvents.templateValue
        case "notes": return notes.templateValue
        case "hasNotes": return hasNotes.templateValue
        case "backlinks": return backlinks.templateValue
        case "hasBacklinks": return hasBacklinks.templateValue
        case "sources": return sources.templateValue
        case "hasSources": return hasSources.templateValue
        default: return .null
        }
    }
}

extension NotePage: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "page": return page.templateValue
        case "title": return title.templateValue
        case "summary": return summary.templateValue
        case "bodyHTML": return bodyHTML.templateValue
        case "about": return about.templateValue
        case "hasAbout": return hasAbout.templateValue
        case "backlinks": return backlinks.templateValue
        case "hasBacklinks": return hasBacklinks.templateValue
        case "sources": return sources.templateValue
        case "hasSources": return hasSources.templateValue
        default: return .null
        }
    }
}

extension ActorsIndexPage: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "page": return page.templateValue
        case "groups": return groups.templateValue
        case "hasActors": return hasActors.templateValue
        default: return .null
        }
    }
}

extension ArticlesIndexPage: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "page": return page.templateValue
        case "articles": return articles.templateValue
        case "hasArticles": return hasArticles.templateValue
        default: return .null
        }
    }
}

extension NotesIndexPage: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "page": return page.templateValue
        case "notes": return notes.templateValue
        case "hasNotes": return hasNotes.templateValue
        default: return .null
        }
    }
}

extension NotFoundPage: TemplateObject, TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue {
        switch key {
        case "page": return page.templateValue
        default: return .null
        }
    }
}
