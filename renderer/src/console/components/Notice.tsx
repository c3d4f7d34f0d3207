import type { AppError } from '../../../../shared/index';

/** An answer from HQ under a form: its error message as HQ wrote it, or what succeeded. */
export function Notice(props: { error?: AppError | string | null; success?: string | null }) {
  if (props.error !== undefined && props.error !== null) {
    return (
      <p role="alert" className="error">
        {typeof props.error === 'string' ? props.error : props.error.message}
      </p>
    );
  }
  if (props.success !== undefined && props.success !== null) {
    return (
      <p role="status" className="ok">
        {props.success}
      </p>
    );
  }
  return null;
}
