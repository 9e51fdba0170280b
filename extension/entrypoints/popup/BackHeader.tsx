import type { ComponentChildren } from 'preact';
import { Icon } from '../../ui/icons';

/** A sub-screen's header: a back button (named for where it goes, for screen readers) and the title. */
export function BackHeader({
  onBack,
  backLabel,
  children,
}: {
  onBack: () => void;
  backLabel: string;
  children: ComponentChildren;
}) {
  return (
    <header>
      <button type="button" class="icon" onClick={onBack} aria-label={backLabel}>
        <Icon name="back" />
      </button>
      <h1>{children}</h1>
    </header>
  );
}
