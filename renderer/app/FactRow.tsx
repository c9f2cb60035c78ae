import type { ReactNode } from 'react';

/** One row of a facts table: the name as a row header, so the row is found by its name. */
export function FactRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{term}</th>
      <td>{children}</td>
    </tr>
  );
}
