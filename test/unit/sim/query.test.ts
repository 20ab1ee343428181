import assert from 'node:assert/strict'
import {paginate} from '../../../src/sim/pagination.js'
import {cgiEscape, listValue, pageHref, parseQuery, rejectUnknownKeys} from '../../../src/sim/query.js'

describe('sim query strings', () => {
  it('reads filters as CC does: unescape, split on commas, unescape each item; empty items count', () => {
    // CC's own hrefs escape the commas of a list (behaviour 5: names=name1%2Cname2), so %2C separates items;
    // a comma inside an item is escaped twice.
    const query = parseQuery('names=a%2Cb,c%252Cd&hosts=a,,b&flag')
    assert.deepEqual(listValue(query, 'names'), ['a', 'b', 'c,d'])
    assert.deepEqual(listValue(query, 'hosts'), ['a', '', 'b'])
    assert.deepEqual(listValue(query, 'flag'), [''])
    assert.equal(listValue(query, 'missing'), undefined)
  })

  it('CGI-escapes like Ruby: commas, equals and plus encoded, space as +', () => {
    assert.equal(cgiEscape('a,b=c+d e*'), 'a%2Cb%3Dc%2Bd+e%2A')
  })

  it('builds hrefs with sorted keys and page/per_page replaced', () => {
    const href = pageHref('http://h', '/v3/apps', parseQuery('page=3&names=x,y&include=space'), 2, 10)
    assert.equal(href, 'http://h/v3/apps?include=space&names=x%2Cy&page=2&per_page=10')
  })

  it('names unknown keys and prints the allowed ones in order, duplicates included', () => {
    assert.throws(() => rejectUnknownKeys(parseQuery('foo=1&foo=2&bar'), ['page', 'guids', 'guids'], 'bad-query'), {
      message: "The query parameter is invalid: Unknown query parameter(s): 'foo', 'bar'. Valid parameters are: 'page', 'guids', 'guids'",
    })
    assert.doesNotThrow(() => rejectUnknownKeys(parseQuery('created_ats[gt]=x'), ['created_ats'], 'bad-query'))
  })

  it('paginates with at least one page and null next/previous at the ends', () => {
    const href = (page: number) => `p${page}`
    const empty = paginate([], {page: 1, perPage: 2}, href)
    assert.deepEqual(empty.pagination, {
      total_results: 0,
      total_pages: 1,
      first: {href: 'p1'},
      last: {href: 'p1'},
      next: null,
      previous: null,
    })
    const middle = paginate([1, 2, 3, 4, 5], {page: 2, perPage: 2}, href)
    assert.deepEqual(middle.page, [3, 4])
    assert.deepEqual([middle.pagination.next, middle.pagination.previous], [{href: 'p3'}, {href: 'p1'}])
  })
})
