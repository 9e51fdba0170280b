import type { DuplicatePolicy } from '../../capture/messages';

/** Asked once per scan or import: what to do with accounts whose secret is already in Ward. */
export function DuplicateChoice({
  duplicates,
  total,
  onChoose,
  onCancel,
}: {
  duplicates: number;
  total: number;
  onChoose: (policy: DuplicatePolicy) => void;
  onCancel: () => void;
}) {
  const one = duplicates === 1;
  return (
    <div role="alertdialog" aria-labelledby="dup-title" aria-describedby="dup-text">
      <h2 id="dup-title">Already in Ward</h2>
      <p id="dup-text">
        {duplicates} of {total} account{total === 1 ? '' : 's'} {one ? 'has' : 'have'} a secret that is
        already in your vault. What should happen to {one ? 'it' : 'them'}?
      </p>
      <div class="row-actions" style={{ flexWrap: 'wrap' }}>
        <button type="button" class="primary" onClick={() => onChoose('skip')}>
          Skip {one ? 'it' : 'them'}
        </button>
        <button type="button" onClick={() => onChoose('replace')}>
          Replace the stored {one ? 'entry' : 'entries'}
        </button>
        <button type="button" onClick={() => onChoose('keep')}>
          Keep both
        </button>
        <button type="button" class="link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
