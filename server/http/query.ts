import { fail, ok, type Result } from '../../shared/index';

/**
 * A URL's query as one string per name. A name given twice (`?after=5&after=0`) is
 * refused: which of the two counts would be a guess, and a guess at a boundary is how
 * a check on one value and a use of the other come apart.
 */
export function singleQuery(url: URL): Result<Record<string, string>> {
  const params: Record<string, string> = Object.create(null);
  for (const [name, value] of url.searchParams) {
    if (Object.hasOwn(params, name)) {
      return fail('validation', `${name.slice(0, 40)}: 参数重复 / Query parameter given more than once`, name.slice(0, 40));
    }
    params[name] = value;
  }
  return ok(params);
}
