"use client";
// A searchable single-choice field on Downshift's useCombobox, which implements the WAI-ARIA 1.2
// combobox: an input with role="combobox" and aria-expanded, a listbox of options, the active
// option in aria-activedescendant. Typing filters; arrows move past disabled options; Enter
// picks; Escape closes the list (and, with it closed, clears the choice).
import { useCombobox } from "downshift";
import { useMemo, useState } from "react";

export type ComboboxOption = {
  value: string;
  label: string;
  description?: string;
  avatarUrl?: string;
  /** Shown under the option, which stays listed but cannot be picked ("Paused: resume it to post"). */
  disabledReason?: string;
  /** More words typing may match (a platform, labels). */
  keywords?: readonly string[];
};

type Props = {
  label: string;
  options: readonly ComboboxOption[];
  value: string | null;
  onChange: (value: string | null) => void;
  id?: string;
  /** With a name, the value is also posted with a surrounding form. */
  name?: string;
  placeholder?: string;
  hint?: string;
  error?: string;
  disabled?: boolean;
  emptyMessage?: string;
};

function matches(option: ComboboxOption, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return [option.label, option.description ?? "", ...(option.keywords ?? [])].some((s) => s.toLowerCase().includes(needle));
}

export function Combobox(props: Props) {
  const { label, options, value, onChange, id, name, placeholder, hint, error, disabled, emptyMessage = "No matches" } = props;
  // What the user typed since the list opened. Opening on a chosen value shows every option,
  // not only the one whose label is in the input.
  const [query, setQuery] = useState("");
  const items = useMemo(() => options.filter((o) => matches(o, query)), [options, query]);
  const selectedItem = options.find((o) => o.value === value) ?? null;

  const { isOpen, highlightedIndex, getLabelProps, getInputProps, getToggleButtonProps, getMenuProps, getItemProps } = useCombobox({
    // `id` names the input, as it does for Field; Downshift derives the other ids itself.
    inputId: id,
    items,
    selectedItem,
    itemToString: (o) => o?.label ?? "",
    // Compare by value: callers may rebuild the option objects on every render.
    itemToKey: (o) => o?.value ?? null,
    isItemDisabled: (o) => Boolean(o.disabledReason),
    onInputValueChange: ({ inputValue, type }) => {
      if (type === useCombobox.stateChangeTypes.InputChange) setQuery(inputValue);
    },
    onIsOpenChange: ({ isOpen: open }) => {
      if (!open) setQuery("");
    },
    onSelectedItemChange: ({ selectedItem: picked }) => onChange(picked?.value ?? null),
  });

  const labelProps = getLabelProps();
  const messageId = `${labelProps.id}-message`;
  return (
    <div className="space-y-1">
      <label {...labelProps} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="relative">
        <div
          className={`flex rounded-md border bg-white shadow-sm focus-within:outline-2 focus-within:outline-offset-1 focus-within:outline-indigo-600 ${
            error ? "border-red-500" : "border-slate-300"
          } ${disabled ? "bg-slate-50" : ""}`}
        >
          <input
            {...getInputProps({
              placeholder,
              disabled,
              "aria-invalid": error ? true : undefined,
              "aria-describedby": error || hint ? messageId : undefined,
            })}
            className="min-w-0 flex-1 rounded-md bg-transparent px-3 py-2 text-sm outline-none disabled:cursor-not-allowed disabled:text-slate-400"
          />
          <button
            {...getToggleButtonProps({ disabled })}
            aria-label={`Show ${label} options`}
            className="px-2 text-slate-500 hover:text-slate-800 disabled:cursor-not-allowed"
          >
            <span aria-hidden="true">{isOpen ? "▴" : "▾"}</span>
          </button>
        </div>
        <div className={isOpen ? "absolute z-30 mt-1 w-full rounded-md border border-slate-200 bg-white shadow-lg" : "hidden"}>
          <ul {...getMenuProps()} className="max-h-72 overflow-y-auto py-1">
            {items.map((item, index) => (
              <li
                key={item.value}
                {...getItemProps({ item, index })}
                className={`flex items-center gap-3 px-3 py-2 text-sm ${
                  item.disabledReason ? "cursor-not-allowed text-slate-400" : "cursor-pointer text-slate-800"
                } ${highlightedIndex === index ? "bg-indigo-50" : ""}`}
              >
                {item.avatarUrl ? (
                  // Avatars come from the platforms' CDNs at tiny sizes; next/image would need every host listed.
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={item.avatarUrl} alt="" className="size-7 shrink-0 rounded-full bg-slate-100 object-cover" />
                ) : null}
                <span className="min-w-0 flex-1">
                  <span className={`block truncate ${item.value === value ? "font-semibold text-indigo-700" : "font-medium"}`}>{item.label}</span>
                  {item.description ? <span className="block truncate text-xs text-slate-500">{item.description}</span> : null}
                  {item.disabledReason ? <span className="block text-xs text-amber-700">{item.disabledReason}</span> : null}
                </span>
                {item.value === value ? <span aria-hidden="true" className="text-indigo-600">✓</span> : null}
              </li>
            ))}
          </ul>
          {items.length === 0 ? <p className="px-3 py-2 text-sm text-slate-500">{emptyMessage}</p> : null}
        </div>
        {/* An empty list gives a screen reader nothing to read; say so (no role, so it is not page "status"). */}
        <span aria-live="polite" className="sr-only">
          {isOpen && items.length === 0 ? emptyMessage : ""}
        </span>
      </div>
      {name ? <input type="hidden" name={name} value={value ?? ""} /> : null}
      {error || hint ? (
        <p id={messageId} role={error ? "alert" : undefined} className={error ? "text-sm text-red-600" : "text-xs text-slate-500"}>
          {error ?? hint}
        </p>
      ) : null}
    </div>
  );
}
