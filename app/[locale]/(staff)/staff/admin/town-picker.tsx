"use client";

import { Fragment, useEffect, useRef } from "react";
import { useLocale } from "@/lib/i18n/client-messages";

export interface TownChoice {
  code: string;
  name: string;
  region: string;
  /** Said beside the box (not in its name) when the town left the list of monotowns. */
  formerNote?: string;
}

/**
 * Town checkboxes grouped by region, each region with a "whole region" box that selects or
 * clears all of its towns (and shows as mixed when only some are chosen). The value is a
 * list of town codes. With `everyTown`, a first box "all towns" stands for every town,
 * now and later, and hides the list while it is ticked.
 */
export function TownPicker({ idPrefix, legend, hint, error, towns, value, onChange, wholeRegionLabel, everyTown }: {
  idPrefix: string;
  legend: string;
  hint?: string;
  error?: string;
  towns: TownChoice[];
  value: string[];
  onChange: (codes: string[]) => void;
  wholeRegionLabel: (region: string) => string;
  everyTown?: { label: string; checked: boolean; onChange: (checked: boolean) => void };
}) {
  const locale = useLocale();
  const byName = (a: string, b: string) => a.localeCompare(b, locale);
  const regions = [...new Set(towns.map((town) => town.region))].sort(byName);
  const chosen = new Set(value);
  const describedBy = [hint && `${idPrefix}-towns-hint`, error && `${idPrefix}-towns-error`].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && <p className="hint" id={`${idPrefix}-towns-hint`}>{hint}</p>}
      {everyTown && (
        <label className="option region-option" htmlFor={`${idPrefix}-all-towns`}>
          <input id={`${idPrefix}-all-towns`} type="checkbox" checked={everyTown.checked} onChange={(event) => everyTown.onChange(event.target.checked)} />
          {everyTown.label}
        </label>
      )}
      {!everyTown?.checked && <div className="town-regions">
        {regions.map((region, index) => {
          const inRegion = towns.filter((town) => town.region === region).sort((a, b) => byName(a.name, b.name));
          const codes = inRegion.map((town) => town.code);
          const count = codes.filter((code) => chosen.has(code)).length;
          return (
            <div key={region} className="town-region">
              <WholeRegionBox
                id={`${idPrefix}-region-${index}`}
                label={wholeRegionLabel(region)}
                checked={count === codes.length}
                mixed={count > 0 && count < codes.length}
                onToggle={(all) => onChange(all ? [...new Set([...value, ...codes])] : value.filter((code) => !codes.includes(code)))}
              />
              <div className="options">
                {inRegion.map((town) => (
                  <Fragment key={town.code}>
                    <label className="option" htmlFor={`${idPrefix}-town-${town.code}`}>
                      <input
                        id={`${idPrefix}-town-${town.code}`}
                        type="checkbox"
                        checked={chosen.has(town.code)}
                        onChange={(event) => onChange(event.target.checked ? [...value, town.code] : value.filter((code) => code !== town.code))}
                      />
                      {town.name}
                    </label>
                    {town.formerNote && <span className="hint"> ({town.formerNote})</span>}
                  </Fragment>
                ))}
              </div>
            </div>
          );
        })}
      </div>}
      {error && <p className="field-error" id={`${idPrefix}-towns-error`}>{error}</p>}
    </fieldset>
  );
}

function WholeRegionBox({ id, label, checked, mixed, onToggle }: { id: string; label: string; checked: boolean; mixed: boolean; onToggle: (all: boolean) => void }) {
  const box = useRef<HTMLInputElement>(null);
  // "Mixed" exists only as a DOM property, not as an attribute React can set.
  useEffect(() => {
    if (box.current) box.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <label className="option region-option" htmlFor={id}>
      <input ref={box} id={id} type="checkbox" checked={checked} onChange={(event) => onToggle(event.target.checked)} />
      {label}
    </label>
  );
}
