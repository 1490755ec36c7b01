"use client";
// A searchable IANA time zone field (by zone name or city): the Settings page's "Your time zone"
// and the Accounts page's zone editors.
import { useMemo } from "react";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import { zoneCity } from "@/lib/client/time-format";
import { timeZones } from "@/lib/domain/settings";

type Props = { label?: string; value: string | null; onChange: (zone: string | null) => void; placeholder?: string; error?: string; hint?: string };

export function ZonePicker({ label = "Time zone", value, onChange, placeholder = "Search a city or zone", error, hint }: Props) {
  const options = useMemo<ComboboxOption[]>(() => timeZones().map((z) => ({ value: z, label: z, keywords: [zoneCity(z)] })), []);
  return <Combobox label={label} options={options} value={value} onChange={onChange} placeholder={placeholder} error={error} hint={hint} emptyMessage="No zone matches" />;
}
