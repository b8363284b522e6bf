import { loadFolder } from './folders';

export function loadParent(id: number) {
  return loadFolder(id);
}
