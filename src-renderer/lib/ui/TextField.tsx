/**
 * A labelled text input with an optional hint and an inline error, wired
 * with `aria-invalid` and `aria-describedby`.
 */
import { useId } from 'react';
import type { InputHTMLAttributes, ReactNode } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  hint?: string;
  error?: string | null;
  testId: string;
}

export function TextField({ label, hint, error, testId, className, ...input }: TextFieldProps): ReactNode {
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={`input${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        {...input}
      />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? <FormError id={errorId} message={error} testId={`${testId}-error`} /> : null}
    </div>
  );
}

interface FormErrorProps {
  id?: string;
  message: string;
  testId: string;
}

/** An error shown where the failed action is, announced to screen readers. */
export function FormError({ id, message, testId }: FormErrorProps): ReactNode {
  return (
    <p id={id} className="form-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
