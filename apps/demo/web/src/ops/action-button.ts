import { el } from '../dom/element';

/** A button that disables itself while its action runs (the page redraws when it is done). */
export function actionButton(label: string, testId: string, action: () => void): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'button button-secondary', 'data-testid': testId }, label);
  button.addEventListener('click', () => {
    button.disabled = true;
    action();
  });
  return button;
}
