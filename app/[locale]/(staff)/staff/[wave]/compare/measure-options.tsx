import type { Area } from "@/lib/survey/types";

export interface MeasureGroup {
  area: Area;
  label: string;
  items: Array<{ itemId: string; text: string }>;
}

/**
 * The questions of a <select>, grouped by area. With `areaOption`, each group opens with
 * its area score, chosen as `area:<area>`; the questions are `item:<id>`, or the bare id
 * when there are no area options.
 */
export function MeasureOptions({ groups, areaOption }: { groups: MeasureGroup[]; areaOption?: (label: string) => string }) {
  return groups.map((group) => (
    <optgroup key={group.area} label={group.label}>
      {areaOption && <option value={`area:${group.area}`}>{areaOption(group.label)}</option>}
      {group.items.map((item) => (
        <option key={item.itemId} value={areaOption ? `item:${item.itemId}` : item.itemId}>
          {item.text}
        </option>
      ))}
    </optgroup>
  ));
}
