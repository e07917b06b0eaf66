import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../../src/knowledge/loader.js';
import { factValues } from '../../src/knowledge/facts.js';
import { fill } from '../../src/domain/template.js';
import * as catalogue from '../../src/engine/phrases.js';
import { STRINGS, STRING_TEMPLATES } from '../../web/widget/strings.js';

const SOURCE_DIR = join(DEFAULT_KNOWLEDGE_DIR, 'source');
const SEED = readFileSync(join(SOURCE_DIR, 'tmall-complaint-hotline.txt'), 'utf8');
const kb = loadKnowledge();

describe('knowledge base', () => {
  it('loads every FAQ entry, the synonyms, the out-of-scope topics and the calendar', () => {
    expect(kb.entries.length).toBeGreaterThanOrEqual(12);
    expect(kb.synonyms.groups.length).toBeGreaterThan(10);
    expect(kb.outOfScope.topics.length).toBeGreaterThan(0);
    expect(kb.calendars[0]?.years).toEqual(expect.arrayContaining([2026, 2027]));
  });

  it('states the source facts exactly: number, fee, hours, processing times', () => {
    const answer = (id: string) => kb.entries.find((e) => e.id === id)?.answer;
    expect(answer('hotline-number')?.zh).toContain('400-860-8608');
    expect(answer('hotline-number')?.en).toContain('400-860-8608');
    expect(answer('hotline-fee')?.zh).toContain('免费');
    expect(answer('hotline-fee')?.en.toLowerCase()).toContain('free');
    expect(answer('hotline-hours')?.zh).toMatch(/9:00\s*[-–~至到]\s*21:00/);
    expect(answer('hotline-hours')?.en).toMatch(/9:00\s*[-–~to ]+\s*21:00/);
    expect(answer('processing-time')?.zh).toMatch(/1\s*[-–~至到]\s*3\s*个工作日/);
    expect(answer('processing-time')?.zh).toMatch(/7\s*个工作日/);
    expect(answer('processing-time')?.en).toMatch(/1\s*[-–~to ]+\s*3 (business|working) days/);
    expect(answer('processing-time')?.en).toMatch(/7 (business|working) days/);
  });

  it('keeps the source article unchanged, as its origin.json records', () => {
    const origin = JSON.parse(readFileSync(join(SOURCE_DIR, 'origin.json'), 'utf8')) as {
      file: string;
      sha256: string;
    };
    const bytes = readFileSync(join(SOURCE_DIR, origin.file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(origin.sha256);
    expect(SEED).toContain('400-860-8608');
  });

  it('never states a number the source article does not contain', () => {
    for (const e of kb.entries) {
      for (const text of [e.answer.zh, e.answer.en]) {
        for (const n of text.match(/\d+(?:[-:]\d+)*/g) ?? []) {
          expect(SEED, `${e.id}: "${n}" is not in the source`).toContain(n);
        }
      }
    }
  });

  describe('facts (knowledge/facts.json) and every text that states them', () => {
    const { facts } = kb;
    /** Every string of the phrase catalogue, as written (templates) — both languages. */
    const templates = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(templates)
          : [];
    const phraseTemplates = templates(catalogue);
    const widgetTemplates = templates(STRING_TEMPLATES);
    const rendered = [
      ...phraseTemplates.map((t) => fill(t, { ...factValues(facts), when: '', id: '', first: '', due: '', value: '', n: '1' })),
      ...templates(STRINGS),
    ];
    const FACT_LIKE = /\d{3}-\d{3}-\d{4}|\d{1,2}:\d{2}/g;

    it('states the source article exactly', () => {
      expect(SEED).toContain(`${facts.hotline.number} 是免费的`);
      expect(facts.hotline.free).toBe(true);
      expect(SEED).toContain(`每天 ${facts.hours.open}-${facts.hours.close}`);
      const first = facts.processing.firstResponseBusinessDays;
      expect(SEED).toContain(`${first.min}-${first.max}个工作日 内给出初步处理意见`);
      expect(SEED).toContain(`${facts.processing.resolutionBusinessDays}个工作日 内完成处理`);
    });

    it('rendered phrases and widget strings state only numbers and times of the source', () => {
      expect(phraseTemplates.length).toBeGreaterThan(50);
      const found = rendered.flatMap((text) => text.match(FACT_LIKE) ?? []);
      expect(found).toEqual(expect.arrayContaining([facts.hotline.number, facts.hours.open, facts.hours.close]));
      for (const n of found) expect(SEED, `"${n}" is not in the source`).toContain(n);
      expect(STRINGS['zh-CN'].subtitle).toContain(`${facts.hours.open}-${facts.hours.close}`);
      expect(STRINGS.en.subtitle).toContain(`${facts.hours.open}–${facts.hours.close}`);
    });

    it('phrases, widget strings and code never write a fact themselves (placeholders only)', () => {
      for (const t of [...phraseTemplates, ...widgetTemplates]) expect(t).not.toMatch(FACT_LIKE);
      const root = join(import.meta.dirname, '../..');
      const sources = (dir: string): string[] =>
        readdirSync(dir).flatMap((f) => {
          const p = join(dir, f);
          return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
        });
      for (const file of [...sources(join(root, 'src')), ...sources(join(root, 'web'))]) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toContain(facts.hotline.number);
        expect(text, file).not.toMatch(/\d{1,2}:\d{2}\s*[-–~]\s*\d{1,2}:\d{2}/);
      }
    });

    it('a bad facts file stops start-up naming the field', () => {
      const bad = JSON.parse(readFileSync(join(DEFAULT_KNOWLEDGE_DIR, 'facts.json'), 'utf8')) as {
        hours: Record<string, string>;
      };
      bad.hours.close = '25:00';
      dir = mkdtempSync(join(tmpdir(), 'kefu-kb-'));
      cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'facts.json'), JSON.stringify(bad));
      expect(() => loadKnowledge(dir)).toThrow(/facts\.json: hours\.close/);
    });
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
  });

  describe('a bad file stops start-up naming file and field', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const copyWith = (file: string, content: string): string => {
      dir = mkdtempSync(join(tmpdir(), 'kefu-kb-'));
      cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
      writeFileSync(join(dir, file), content);
      return dir;
    };

    it('names the file and the field of a schema error', () => {
      const bad = JSON.parse(readFileSync(join(DEFAULT_KNOWLEDGE_DIR, 'faq/hotline-fee.json'), 'utf8')) as Record<string, unknown>;
      delete (bad.answer as Record<string, unknown>).en;
      const d = copyWith('faq/hotline-fee.json', JSON.stringify(bad));
      expect(() => loadKnowledge(d)).toThrow(/faq\/hotline-fee\.json: answer\.en/);
    });

    it('names the file of invalid JSON', () => {
      const d = copyWith('synonyms.json', '{ "groups": [');
      expect(() => loadKnowledge(d)).toThrow(/synonyms\.json: not valid JSON/);
    });

    it('rejects unknown fields (typos do not pass silently)', () => {
      const bad = JSON.parse(readFileSync(join(DEFAULT_KNOWLEDGE_DIR, 'faq/hotline-number.json'), 'utf8')) as Record<string, unknown>;
      bad.answr = 'typo';
      const d = copyWith('faq/hotline-number.json', JSON.stringify(bad));
      expect(() => loadKnowledge(d)).toThrow(/hotline-number\.json: .*answr/);
    });
  });
});
