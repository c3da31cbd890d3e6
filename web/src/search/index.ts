/** The search seam: an in-memory index over decrypted entries, and the service that feeds it. */
export { createSearchIndex, highlights, snippet, PREFIX_WEIGHT, TITLE_BOOST } from "./engine";
export type { Range, SearchDoc, SearchHit, SearchIndex, SearchQuery, SearchResults } from "./engine";
export { createSearchService, toSearchDoc, type SearchService } from "./service";
export { fold, terms, tokens } from "./tokenize";
