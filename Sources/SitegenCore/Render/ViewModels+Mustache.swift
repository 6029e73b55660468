// Fast field lookup for Mustache: without it, every `{{name}}` is found by reflecting over
// the view (Mirror), which dominated render time. Each case returns the stored property of the
// same name; a test checks that every stored property is reachable.
import Mustache

extension PageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "heading": return heading
        case "description": return description
        case "lang": return lang
        case "canonical": return canonical
        case "ogType": return ogType
        case "root": return root
        case "path": return path
        case "stylesheet": return stylesheet
        case "assets": return assets
        case "jsonLD": return jsonLD
        case "nav": return nav
        case "feed": return feed
        case "site": return site
        default: return nil
        }
    }
}

extension SiteView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "description": return description
        case "language": return language
        case "baseURL": return baseURL
        default: return nil
        }
    }
}

extension NavItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "url": return url
        case "current": return current
        default: return nil
        }
    }
}

extension LinkItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "url": return url
        case "detail": return detail
        default: return nil
        }
    }
}

extension DateView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return text
        case "iso": return iso
        default: return nil
        }
    }
}

extension EventItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "url": return url
        case "title": return title
        case "date": return date
        case "summaryHTML": return summaryHTML
        case "hasSummary": return hasSummary
        case "place": return place
        case "actors": return actors
        case "hasActors": return hasActors
        default: return nil
        }
    }
}

extension SourceEntry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": return number
        case "anchor": return anchor
        case "title": return title
        case "outlet": return outlet
        case "date": return date
        case "url": return url
        case "originalURL": return originalURL
        default: return nil
        }
    }
}

extension CitationMark: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": return number
        case "anchor": return anchor
        default: return nil
        }
    }
}

extension QuoteItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return text
        case "article": return article
        case "outlet": return outlet
        case "date": return date
        case "citation": return citation
        case "verified": return verified
        case "originalURL": return originalURL
        default: return nil
        }
    }
}

extension FactItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "differ": return differ
        case "values": return values
        default: return nil
        }
    }
}

extension FactValueItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": return value
        case "citations": return citations
        case "quotes": return quotes
        default: return nil
        }
    }
}

extension RelationGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "items": return items
        default: return nil
        }
    }
}

extension RelationItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "actor": return actor
        case "period": return period
        case "citations": return citations
        case "hasCitations": return hasCitations
        default: return nil
        }
    }
}

extension ActorGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "title": return title
        case "actors": return actors
        default: return nil
        }
    }
}

extension YearGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "year": return year
        case "id": return id
        case "events": return events
        default: return nil
        }
    }
}

extension BacklinkSection: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "items": return items
        default: return nil
        }
    }
}

extension HomePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "introHTML": return introHTML
        case "hasIntro": return hasIntro
        case "notes": return notes
        case "hasNotes": return hasNotes
        case "events": return events
        case "hasEvents": return hasEvents
        case "actorGroups": return actorGroups
        case "hasActors": return hasActors
        case "timelineURL": return timelineURL
        case "sources": return sources
        case "hasSources": return hasSources
        default: return nil
        }
    }
}

extension TimelinePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "years": return years
        case "hasEvents": return hasEvents
        case "sources": return sources
        case "hasSources": return hasSources
        default: return nil
        }
    }
}

extension EventPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "event": return event
        case "timelineURL": return timelineURL
        case "quotes": return quotes
        case "facts": return facts
        case "hasFacts": return hasFacts
        case "notes": return notes
        case "hasNotes": return hasNotes
        case "backlinks": return backlinks
        case "hasBacklinks": return hasBacklinks
        case "sources": return sources
        case "hasSources": return hasSources
        default: return nil
        }
    }
}

extension ActorPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "name": return name
        case "kind": return kind
        case "role": return role
        case "fullName": return fullName
        case "aliases": return aliases
        case "profileHTML": return profileHTML
        case "hasProfile": return hasProfile
        case "relations": return relations
        case "hasRelations": return hasRelations
        case "facts": return facts
        case "hasFacts": return hasFacts
        case "events": return events
        case "hasEvents": return hasEvents
        case "notes": return notes
        case "hasNotes": return hasNotes
        case "backlinks": return backlinks
        case "hasBacklinks": return hasBacklinks
        case "sources": return sources
        case "hasSources": return hasSources
        default: return nil
        }
    }
}

extension ArticlePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "title": return title
        case "outlet": return outlet
        case "published": return published
        case "updated": return updated
        case "author": return author
        case "originalURL": return originalURL
        case "bodyHTML": return bodyHTML
        case "events": return events
        case "hasEvents": return hasEvents
        case "notes": return notes
        case "hasNotes": return hasNotes
        case "backlinks": return backlinks
        case "hasBacklinks": return hasBacklinks
        case "sources": return sources
        case "hasSources": return hasSources
        default: return nil
        }
    }
}

extension NotePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "title": return title
        case "summary": return summary
        case "bodyHTML": return bodyHTML
        case "about": return about
        case "hasAbout": return hasAbout
        case "backlinks": return backlinks
        case "hasBacklinks": return hasBacklinks
        case "sources": return sources
        case "hasSources": return hasSources
        default: return nil
        }
    }
}

extension ActorsIndexPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "groups": return groups
        case "hasActors": return hasActors
        default: return nil
        }
    }
}

extension ArticlesIndexPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "articles": return articles
        case "hasArticles": return hasArticles
        default: return nil
        }
    }
}

extension NotesIndexPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "notes": return notes
        case "hasNotes": return hasNotes
        default: return nil
        }
    }
}

extension NotFoundPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        default: return nil
        }
    }
}
