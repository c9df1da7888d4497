import { useState, type FormEvent } from 'react';
import type { Episode } from '../../shared/api';
import { acknowledge, addNote } from '../net/api';

type Mode = 'idle' | 'acknowledge' | 'note';

/** Acknowledge or add a note; the server decides, and its refusal is shown in its own words. */
export function EpisodeActions({ episode, token, onActed }: { episode: Episode; token: string; onActed(episode: Episode): void }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const note = text.trim();
      const updated = mode === 'note' ? await addNote(token, episode.id, note) : await acknowledge(token, episode.id, note || undefined);
      onActed(updated);
      setMode('idle');
      setText('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  if (mode === 'idle') {
    return (
      <div className="actions">
        {!episode.acknowledgedBy && (
          <button type="button" className="action primary" onClick={() => setMode('acknowledge')}>
            Acknowledge
          </button>
        )}
        <button type="button" className="action" onClick={() => setMode('note')}>
          Add note
        </button>
        {error && <p className="action-error" role="alert">{error}</p>}
      </div>
    );
  }
  const acknowledging = mode === 'acknowledge';
  return (
    <form className="actions form" onSubmit={(event) => void submit(event)}>
      <label className="visually-hidden" htmlFor={`note-${episode.id}`}>
        {acknowledging ? 'What is being done (optional)' : 'Note'}
      </label>
      <textarea
        id={`note-${episode.id}`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={acknowledging ? 'What is being done (optional)' : 'What is happening, what is being done'}
        rows={2}
        maxLength={2000}
        required={!acknowledging}
        autoFocus
      />
      <div className="action-row">
        <button type="submit" className="action primary" disabled={busy}>
          {acknowledging ? 'Acknowledge' : 'Add note'}
        </button>
        <button type="button" className="action" disabled={busy} onClick={() => setMode('idle')}>
          Cancel
        </button>
      </div>
      {error && <p className="action-error" role="alert">{error}</p>}
    </form>
  );
}
