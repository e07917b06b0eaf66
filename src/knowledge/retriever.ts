import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { FaqIndex } from './faqIndex.js';

export interface FaqRetrieverInput extends BaseRetrieverInput {
  index: FaqIndex;
  /** Number of documents to return (default 3). */
  k?: number;
  /** Return only matches above the confidence threshold (default true). */
  confidentOnly?: boolean;
  locale?: 'zh-CN' | 'en';
}

/**
 * LangChain retriever over the FAQ BM25 index: each Document is one entry's answer, with
 * `metadata.id` (the entry id cited in `Reply.source`), score and confidence. Used by LLM mode
 * to ground its answers; rule mode calls the index directly.
 */
export class FaqRetriever extends BaseRetriever {
  lc_namespace = ['kefu', 'knowledge', 'faq'];
  private readonly index: FaqIndex;
  private readonly k: number;
  private readonly confidentOnly: boolean;
  private readonly locale: 'zh-CN' | 'en';

  constructor(input: FaqRetrieverInput) {
    super(input);
    this.index = input.index;
    this.k = input.k ?? 3;
    this.confidentOnly = input.confidentOnly ?? true;
    this.locale = input.locale ?? 'zh-CN';
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const lang = this.locale === 'en' ? 'en' : 'zh';
    return this.index
      .search(query, this.k)
      .filter((m) => !this.confidentOnly || m.confident)
      .map(
        (m) =>
          new Document({
            pageContent: m.entry.answer[lang],
            metadata: { id: m.entry.id, title: m.entry.title[lang], score: m.score, confidence: m.confidence },
          }),
      );
  }
}
