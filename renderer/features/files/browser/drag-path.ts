/** Rows carry their MFS path under a type of our own, so that files dragged in from the OS are not mistaken for a move. */
export const MFS_PATH_TYPE = 'application/x-cairn-mfs-path';

export function draggedPath(data: DataTransfer): string | null {
  return data.types.includes(MFS_PATH_TYPE) ? data.getData(MFS_PATH_TYPE) || null : null;
}
