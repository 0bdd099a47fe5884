import { KnowledgeBase } from './knowledgeBase.js';
import { describePlanProblems, PlanSource } from '../plan/planSource.js';

/** What `npm run knowledge:check` found: documents indexed and failed, and the plan. */
export interface KnowledgeCheck {
  ok: boolean;
  knowledgeDir: string;
  /** The folder could not be read at all. */
  folderError: string | undefined;
  documents: { file: string; title: string; sections: number; paragraphs: number }[];
  passages: number;
  failed: { file: string; error: string }[];
  plan: { file: string; ok: boolean; goalAreas: number; actions: number; problems: string[] };
}

/**
 * Loads the documents and the plan exactly as the bot does at start, once. The check fails
 * when the folder cannot be read, holds no readable document, a document cannot be parsed,
 * or the plan is not usable: each of those is something a person would notice in Teams.
 */
export async function checkKnowledge(knowledgeDir: string, planFile: string): Promise<KnowledgeCheck> {
  const knowledge = new KnowledgeBase(knowledgeDir);
  let folderError: string | undefined;
  let passages = 0;
  let failed: KnowledgeCheck['failed'] = [];
  try {
    const report = await knowledge.load();
    passages = report.passages;
    failed = report.failed;
  } catch (error) {
    folderError = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
  }
  const documents = knowledge.documents.map((d) => ({
    file: d.file,
    title: d.title,
    sections: d.sections.length,
    paragraphs: d.sections.reduce((n, s) => n + s.paragraphs.length, 0),
  }));
  const planReport = await new PlanSource(planFile).load();
  const plan = {
    file: planFile,
    ok: planReport.ok,
    goalAreas: planReport.goalAreas,
    actions: planReport.actions,
    problems: describePlanProblems(planReport),
  };
  const ok = !folderError && documents.length > 0 && failed.length === 0 && plan.ok;
  return { ok, knowledgeDir, folderError, documents, passages, failed, plan };
}

/** The check as Swedish text for a person at a terminal. */
export function formatKnowledgeCheck(check: KnowledgeCheck): string {
  const lines = [`Dokumentmapp: ${check.knowledgeDir}`];
  if (check.folderError) lines.push(`  FEL: mappen kunde inte läsas (${check.folderError})`);
  else if (check.documents.length === 0 && check.failed.length === 0) lines.push('  FEL: mappen har inga dokument (.txt, .md, .pdf, .docx)');
  for (const d of check.documents) lines.push(`  indexerat: ${d.file} – "${d.title}", ${d.sections} avsnitt, ${d.paragraphs} stycken`);
  for (const f of check.failed) lines.push(`  FEL: ${f.file} kunde inte läsas: ${f.error}`);
  lines.push(`  ${check.documents.length} dokument, ${check.passages} sökbara stycken, ${check.failed.length} misslyckade`);
  lines.push(`Plan: ${check.plan.file}`);
  if (check.plan.ok) lines.push(`  ${check.plan.goalAreas} målområden, ${check.plan.actions} insatser`);
  for (const p of check.plan.problems) lines.push(`  FEL: ${p}`);
  lines.push(check.ok ? 'Allt gick att läsa.' : 'Något gick inte att läsa: se FEL ovan.');
  return `${lines.join('\n')}\n`;
}
