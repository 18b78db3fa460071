/**
 * The search box of a knowledge panel and its results: the passages the
 * query finds (as a digital human would find them, for a DH's panel), each
 * with its source — file, headings, page — and the query's words marked.
 */
import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { KnowledgeSnippet } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { CloseIcon } from '../../lib/ui/icons';
import { SearchIcon } from '../../lib/ui/roomIcons';
import { FormError } from '../../lib/ui/TextField';
import { snippetExcerpt } from './snippetExcerpt';
import { markdownPlainText } from '../../lib/markdown/markdownPlainText';

interface KnowledgeSearchProps {
  workspaceId: string;
  /** Search as this digital human (the workspace's documents and its own); null for the workspace's only. */
  dhId: string | null;
  dhName: string | null;
}

interface Results {
  query: string;
  items: KnowledgeSnippet[];
}

export function KnowledgeSearch({ workspaceId, dhId, dhName }: KnowledgeSearchProps): ReactNode {
  const t = useT();
  const inputId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const query = text.trim();
    if (!query || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { items } = await api.invoke('knowledge.search', { workspaceId, query, k: 8, ...(dhId ? { dhId } : {}) });
      setResults({ query, items });
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="knowledge-search">
      <form role="search" className="knowledge-search__form" onSubmit={(e) => void search(e)}>
        <label className="knowledge-search__box" htmlFor={inputId}>
          <SearchIcon width={16} height={16} />
          <span className="visually-hidden">{t('knowledge.search.label')}</span>
          <input
            id={inputId}
            type="search"
            className="input"
            value={text}
            maxLength={2000}
            placeholder={t('knowledge.search.placeholder')}
            onChange={(e) => setText(e.target.value)}
            data-testid="knowledge-search-input"
          />
        </label>
        <button type="submit" className="button" disabled={!text.trim() || busy} data-testid="knowledge-search-submit">
          {t('knowledge.search.submit')}
        </button>
        {results ? (
          <button type="button" className="icon-button" aria-label={t('knowledge.search.clear')} title={t('knowledge.search.clear')} onClick={() => setResults(null)} data-testid="knowledge-search-clear">
            <CloseIcon width={16} height={16} />
          </button>
        ) : null}
      </form>
      {dhName ? <p className="field__hint">{t('knowledge.search.dhScope', { name: dhName })}</p> : null}
      {error ? <FormError message={error} testId="knowledge-search-error" /> : null}
      {results ? (
        results.items.length === 0 ? (
          <p className="knowledge-empty" data-testid="knowledge-search-empty">
            {t('knowledge.search.empty', { query: results.query })}
          </p>
        ) : (
          <ol className="knowledge-results" aria-label={t('knowledge.search.results')} data-testid="knowledge-results">
            {results.items.map((item) => (
              <li key={`${item.documentId}:${item.source}:${item.text.slice(0, 40)}`} className="knowledge-result" data-testid="knowledge-result">
                <p className="knowledge-result__source">{item.source}</p>
                <p className="knowledge-result__text">
                  {snippetExcerpt(markdownPlainText(item.text), results.query).map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : s.text))}
                </p>
              </li>
            ))}
          </ol>
        )
      ) : null}
    </div>
  );
}
