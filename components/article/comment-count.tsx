export function commentCountLabel(count: number): string {
  return count === 1 ? "1 comment" : `${count} comments`;
}
