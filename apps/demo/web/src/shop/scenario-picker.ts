import type { Scenario } from '../api/edge-api.types';
import { el } from '../dom/element';
import { SCENARIOS } from './scenarios';

/** The "Inject failure" radio group. Native radios: arrow keys and screen readers just work. */
export function scenarioPicker(onChange: (scenario: Scenario) => void): {
  element: HTMLFieldSetElement;
  select: (scenario: Scenario) => void;
} {
  const inputs = SCENARIOS.map((option) => {
    const input = el('input', {
      type: 'radio',
      name: 'scenario',
      value: option.id,
      id: `scenario-${option.id}`,
      'data-testid': `scenario-${option.id}`,
      'aria-describedby': `scenario-${option.id}-expect`,
    });
    input.addEventListener('change', () => {
      if (input.checked) onChange(option.id);
    });
    return { option, input };
  });
  const element = el(
    'fieldset',
    { class: 'scenario-picker' },
    el('legend', {}, 'Inject failure'),
    el('p', { class: 'hint' }, 'Applies to your checkout only; other visitors are not affected.'),
    ...inputs.map(({ option, input }) =>
      el(
        'div',
        { class: 'scenario-option' },
        input,
        el('label', { for: input.id }, option.label),
        el('span', { class: 'scenario-expect', id: `scenario-${option.id}-expect` }, option.expect),
      ),
    ),
  );
  const select = (scenario: Scenario): void => {
    for (const { option, input } of inputs) input.checked = option.id === scenario;
  };
  return { element, select };
}
