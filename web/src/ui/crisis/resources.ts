/** The crisis lines for this device: the first of the browser's languages that names a country. */
import { resourcesForLocale, type LocaleResources } from "../../guide";

export function deviceResources(nav: Pick<Navigator, "language" | "languages"> = navigator): LocaleResources {
  const locales = [...(nav.languages ?? []), nav.language].filter(Boolean);
  for (const l of locales) {
    const r = resourcesForLocale(l);
    if (r.country) return r;
  }
  return resourcesForLocale(undefined);
}
