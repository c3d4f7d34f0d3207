import type { Ref } from 'react';
import { useT } from '../i18n/use-t';

/** The password input of the sign-in and unlock screens, and the error under it. */
export function PasswordField(props: {
  value: string;
  onChange: (value: string) => void;
  inputRef: Ref<HTMLInputElement>;
  error: string | null;
}) {
  const t = useT();
  return (
    <>
      <label>
        {t('password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          ref={props.inputRef}
          required
        />
      </label>
      {props.error !== null && (
        <p role="alert" className="error">
          {props.error}
        </p>
      )}
    </>
  );
}
