import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { createTranslator } from '../../lib/i18n/i18n';
import { fieldErrors } from './fieldErrors';
import { readSpec } from './RestSpecFileField';

const t = createTranslator('en');

describe('fieldErrors', () => {
  it('puts each invalid input under its field and the rest for the form', () => {
    const err = new ApiError('VALIDATION', 'Invalid input for rest.add: name: A connection name is 1 to 24 lowercase letters; credentials.apiKey: The API key is empty; spec: Bad');
    expect(fieldErrors(err, ['name', 'credentials.apiKey'], t)).toEqual({
      fields: { name: 'A connection name is 1 to 24 lowercase letters', 'credentials.apiKey': 'The API key is empty' },
      general: 'spec: Bad',
    });
  });

  it('keeps a refusal of the service for the whole form', () => {
    const err = new ApiError('PROVIDER_REFUSED', 'EspoCRM refused the credentials (401)');
    expect(fieldErrors(err, ['name'], t)).toEqual({ fields: {}, general: 'EspoCRM refused the credentials (401)' });
  });
});

describe('readSpec', () => {
  it('reads a description’s name, operations and authentication', () => {
    const text = JSON.stringify({ name: 'Shop', auth: { kind: 'header', header: 'X-Api-Key' }, operations: [{}, {}] });
    expect(readSpec(text, 'shop.json')).toMatchObject({ fileName: 'shop.json', name: 'Shop', operations: 2, auth: { kind: 'header', header: 'X-Api-Key', prefix: '' } });
    expect(readSpec('{"operations":[]}', 'x.json')).toMatchObject({ name: 'x.json', auth: null });
  });

  it('says why a file is not a description', () => {
    expect(readSpec('nope', 'a.json')).toBe('notJson');
    expect(readSpec('[1]', 'a.json')).toBe('notObject');
    expect(readSpec('{"name":"x"}', 'a.json')).toBe('noOperations');
  });
});
