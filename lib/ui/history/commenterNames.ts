// Commenters' names as an export writes them: as read, or — when the operator hides names — as a stable
// pseudonym per name within one export (`viewer 1`, `viewer 2`…), so who asked twice still shows.

export type NameCommenter = (user: string) => string;

export function commenterNames(hide: boolean): NameCommenter {
  if (!hide) return (user) => user;
  const seen = new Map<string, string>();
  return (user) => {
    if (user === '') return '';
    let alias = seen.get(user);
    if (alias === undefined) {
      alias = `viewer ${seen.size + 1}`;
      seen.set(user, alias);
    }
    return alias;
  };
}
