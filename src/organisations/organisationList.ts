/** Longer names do not fit a card's choice list, and the name is the Cosmos partition key. */
export const MAX_ORGANISATION_LENGTH = 120;

export interface OrganisationList {
  organisations: string[];
  /** Every problem found, in Swedish, each naming where it is; empty when the list is usable. */
  problems: string[];
}

function check(entries: { name: string; where: string }[], source: string): OrganisationList {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const organisations: string[] = [];
  for (const { name, where } of entries) {
    if (!name) {
      problems.push(`${where}: tomt namn`);
      continue;
    }
    if (name.length > MAX_ORGANISATION_LENGTH) problems.push(`${where}: namnet är ${name.length} tecken, högst ${MAX_ORGANISATION_LENGTH} går`);
    const key = name.toLocaleLowerCase('sv').replace(/\s+/g, ' ');
    const earlier = seen.get(key);
    if (earlier) problems.push(`${where}: "${name}" finns redan (${earlier})`);
    else seen.set(key, where);
    organisations.push(name);
  }
  if (entries.length === 0) problems.push(`${source}: listan är tom; ange minst en förvaltning eller ett bolag`);
  return { organisations, problems };
}

/**
 * The ORGANISATIONS setting: names separated by semicolons. A trailing semicolon is
 * forgiven; an empty name between two is a typing mistake and reported.
 */
export function organisationsFromSetting(value: string): OrganisationList {
  const parts = value.replace(/;\s*$/, '').split(';');
  const entries = value.trim() === '' ? [] : parts.map((p, i) => ({ name: p.trim().replace(/\s+/g, ' '), where: `ORGANISATIONS, namn ${i + 1}` }));
  return check(entries, 'ORGANISATIONS');
}

/**
 * An organisations file: one förvaltning or bolag per line, UTF-8. Blank lines and lines
 * starting with # are skipped, so the file can carry comments.
 */
export function organisationsFromFile(text: string, file: string): OrganisationList {
  const entries = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .map((line, i) => ({ name: line.trim().replace(/\s+/g, ' '), where: `${file}:${i + 1}` }))
    .filter((e) => e.name !== '' && !e.name.startsWith('#'));
  return check(entries, file);
}
