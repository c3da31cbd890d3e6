// The app's search index: built on the first query, in memory only, dropped on lock.
import { createSearchService, type SearchService } from "../../search";
import { journal, vault } from "../services";

let service: SearchService | null = null;
export function searchService(): SearchService {
  service ??= createSearchService(journal, vault);
  return service;
}
