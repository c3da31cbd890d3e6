/**
 * Crisis lines for the crisis screen, by country, from crisis-resources.json. The file is
 * validated at load: every shown number has the public page it was confirmed in and the date.
 *
 * @remarks Offline by design: this is bundled data, never fetched. Links are `tel:`/`sms:`
 * values the screen renders as tap-to-call and tap-to-text; chat links open only on a tap.
 */
import { z } from "zod";
import raw from "./crisis-resources.json";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "checked must be a YYYY-MM-DD date");
const SourceUrl = z.url({ protocol: /^https?$/ });

const ContactSchema = z
  .object({
    kind: z.enum(["call", "text", "chat", "whatsapp"]),
    label: z.string().min(1),
    value: z.string().min(1).optional(),
    href: z.string().min(1),
  })
  .refine(
    (c) =>
      (c.kind === "call"
        ? /^tel:\+?\d+$/
        : c.kind === "text"
          ? /^sms:\+?\d+(\?body=\w+)?$/
          : /^https:\/\//
      ).test(c.href),
    {
      message: "href must be tel:<digits> for calls, sms:<digits>[?body=WORD] for texts, https:// for chat",
    },
  );

const Checked = { source: SourceUrl, checked: IsoDate, verified: z.literal(true) };

const LineSchema = z.object({
  id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/),
  name: z.string().min(1),
  description: z.string().min(1).max(200),
  contacts: z.array(ContactSchema).min(1),
  hours: z.string().min(1),
  languages: z.array(z.string().min(2)).optional(),
  note: z.string().optional(),
  ...Checked,
});

const EmergencySchema = z.object({
  number: z.string().regex(/^\d{3,4}$/),
  href: z.string().regex(/^tel:\d{3,4}$/),
  also: z.array(z.string().regex(/^\d{3,5}$/)).optional(),
  ...Checked,
});

const CountrySchema = z.object({
  code: z.string().regex(/^[A-Z]{2}$/),
  name: z.string().min(1),
  emergency: EmergencySchema,
  lines: z.array(LineSchema).min(1),
});

export const CrisisResourcesSchema = z
  .object({
    version: z.literal(1),
    directory: z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      url: z.url({ protocol: /^https$/ }),
      ...Checked,
    }),
    countries: z.array(CountrySchema).min(12),
    unverified: z.array(
      z.object({
        country: z.string().regex(/^[A-Z]{2}$/),
        name: z.string(),
        number: z.string(),
        verified: z.literal(false),
        seenIn: SourceUrl,
        reason: z.string().min(1),
      }),
    ),
  })
  .refine((d) => new Set(d.countries.map((c) => c.code)).size === d.countries.length, {
    message: "one entry per country",
  });

export type CrisisResources = z.infer<typeof CrisisResourcesSchema>;
export type CountryResources = CrisisResources["countries"][number];
export type CrisisLine = CountryResources["lines"][number];
export type CrisisContact = CrisisLine["contacts"][number];

export function parseCrisisResources(value: unknown): CrisisResources {
  const r = CrisisResourcesSchema.safeParse(value);
  if (!r.success) throw new Error(`crisis-resources.json is invalid: ${z.prettifyError(r.error)}`);
  return r.data;
}

export const CRISIS_RESOURCES: CrisisResources = parseCrisisResources(raw);

export interface LocaleResources {
  /** The country's lines and emergency number, or null when the locale names no known country. */
  country: CountryResources | null;
  /** Always present: the international directory, for everyone and as the fallback. */
  directory: CrisisResources["directory"];
}

/** Languages that point at one country on their own; other bare languages fall back to the directory. */
const LANGUAGE_ONLY: Record<string, string> = { ja: "JP" };

/** The region a BCP 47 locale names: "en-GB" → "GB", "zh-Hant-TW" → "TW", "en_us" → "US". */
export function regionOf(locale: string): string | null {
  const tag = locale.trim().replace(/_/g, "-");
  if (!tag) return null;
  try {
    // No maximize(): a bare "en" must not be guessed into "en-US".
    const region = new Intl.Locale(tag).region;
    if (region && /^[A-Z]{2}$/.test(region)) return region === "UK" ? "GB" : region;
  } catch {
    // not a valid tag; fall through to the plain parse below
  }
  const m = /^[a-z]{2,3}(?:-[a-z]{4})?-([a-z]{2})\b/i.exec(tag);
  if (m) return m[1]!.toUpperCase() === "UK" ? "GB" : m[1]!.toUpperCase();
  return LANGUAGE_ONLY[tag.toLowerCase()] ?? null;
}

/** en-US → US, en-GB → GB, de-DE → Germany, fr-CA → Canada; unknown → directory only. */
export function resourcesForLocale(
  locale: string | undefined,
  data: CrisisResources = CRISIS_RESOURCES,
): LocaleResources {
  const region = locale ? regionOf(locale) : null;
  const country = (region && data.countries.find((c) => c.code === region)) || null;
  return { country, directory: data.directory };
}
