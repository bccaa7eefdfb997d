/** A move the board refused: what to say, and the card it was about (focus returns there). */
export interface Refusal {
  itemId: string;
  text: string;
}

/**
 * Why a card did not move. It stays until the person has read it: the Dismiss button or Escape
 * puts it away, and so does the next drag. Dismissing with the button hands focus back to the
 * card, so a keyboard user carries on where they were rather than at the top of the page.
 */
export function BoardRefusal({ refusal, onDismiss }: { refusal: Refusal; onDismiss: () => void }) {
  const dismiss = () => {
    onDismiss();
    document.querySelector<HTMLElement>(`.b-card[data-item-id="${refusal.itemId}"]`)?.focus();
  };
  return (
    <div className="alert alert-error b-alert">
      <span role="alert">{refusal.text}</span>
      <button type="button" className="btn btn-ghost btn-sm b-alert-dismiss" onClick={dismiss}>
        Dismiss<span className="sr-only"> this message</span>
      </button>
    </div>
  );
}
