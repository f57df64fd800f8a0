import { useRef } from 'preact/hooks';

/** A button that opens the file picker (its input hidden beside it, found by `inputClass`: the palette clicks it). */
export function FileButton({ label, inputLabel, inputClass, accept, primary = false, disabled = false, onFile }: {
  label: string;
  inputLabel: string;
  inputClass: string;
  accept: string;
  primary?: boolean;
  disabled?: boolean;
  onFile(file: File): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class={`lib-btn${primary ? ' lib-primary' : ''}`} disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        class={`lib-file ${inputClass}`}
        type="file"
        accept={accept}
        aria-label={inputLabel}
        onChange={(event) => {
          const file = (event.currentTarget as HTMLInputElement).files?.[0];
          if (file) onFile(file);
          (event.currentTarget as HTMLInputElement).value = '';
        }}
      />
    </>
  );
}
