/// sitegen's version, printed by `sitegen --version` and put in release archive names.
public let sitegenVersion = "0.2.0"
