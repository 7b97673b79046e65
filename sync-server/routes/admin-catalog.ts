import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { CatalogIdSchema, ReasonKeySchema } from '../../src/domain/base-schemas';
import { audit } from '../auth/audit';
import { newId } from '../crypto/tokens';
import { ClientError } from '../errors';
import type { Catalog, CatalogUnit, Store } from '../store/store';
import { parseOr400 } from '../validate';
import { staffPhotoUrl } from './staff-photo';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';
import { isUniqueViolation } from '../store/unique-violation';

const IdParam = z.object({ id: CatalogIdSchema });
const KeyParam = z.object({ key: ReasonKeySchema });
const manage = { config: { access: 'catalog.manage' as const } };

export const ADMIN_CATALOG_PATH = API.adminCatalog.path;

export function requireUnit(catalog: Catalog, unitId: string | undefined) {
  if (unitId !== undefined && !catalog.units.some((u) => u.id === unitId)) throw new ClientError(400, 'UNKNOWN_UNIT', `unit ${unitId} does not exist`);
}

export function requireWindowOfUnit(catalog: Catalog, windowId: string | null | undefined, unitId: string) {
  if (windowId === null || windowId === undefined) return;
  const w = catalog.windows.find((x) => x.id === windowId);
  if (!w) throw new ClientError(400, 'UNKNOWN_WINDOW', `window ${windowId} does not exist`);
  if (w.unitId !== unitId) throw new ClientError(400, 'WINDOW_OF_OTHER_UNIT', `window ${windowId} belongs to another unit`);
}

const notFound = (what: string, id: string) => new ClientError(404, 'NOT_FOUND', `${what} ${id} does not exist`);

/** Units, windows, service items and reasons: the administrator's catalogue. Every change is audited. */
export function adminCatalogRoutes(app: FastifyInstance, store: Store) {
  route(app, API.adminCatalog, manage, async (_request, reply) => {
    const catalog = await store.loadCatalog();
    reply.header('cache-control', 'no-store');
    return { ...catalog, staff: catalog.staff.map((s) => ({ ...s, photoUrl: staffPhotoUrl(s) })) };
  });

  route(app, API.createUnit, manage, async (request, reply) => {
    const input = parseOr400(API.createUnit.request, request.body);
    const unit: CatalogUnit = { id: newId('unit'), name: input.name, active: input.active ?? true };
    if (input.divisionCode) unit.divisionCode = input.divisionCode;
    if (input.disclosure) unit.disclosure = true;
    if (input.disclosureNamesStaff) unit.disclosureNamesStaff = true;
    await store.insertUnit(unit);
    await audit(store, request, 'catalog.unit.create', { type: 'unit', id: unit.id });
    return reply.code(201).send(unit);
  });
  route(app, API.updateUnit, manage, async (request) => {
    const { id } = parseOr400(IdParam, request.params);
    const patch = parseOr400(API.updateUnit.request, request.body);
    if (!(await store.updateUnit(id, patch))) throw notFound('unit', id);
    // The disclosure switches' new values too: who made a unit public, or stopped it, is read from the log (issue 16).
    const switches = Object.fromEntries(Object.entries(patch).filter(([k]) => k === 'disclosure' || k === 'disclosureNamesStaff'));
    await audit(store, request, 'catalog.unit.update', { type: 'unit', id }, { fields: Object.keys(patch), ...switches });
    return (await store.loadCatalog()).units.find((u) => u.id === id);
  });

  route(app, API.createWindow, manage, async (request, reply) => {
    const input = parseOr400(API.createWindow.request, request.body);
    requireUnit(await store.loadCatalog(), input.unitId);
    const window = { id: newId('win'), unitId: input.unitId, number: input.number, name: input.name, sortOrder: input.sortOrder ?? 0, active: input.active ?? true };
    await store.insertWindow(window);
    await audit(store, request, 'catalog.window.create', { type: 'window', id: window.id });
    return reply.code(201).send(window);
  });
  route(app, API.updateWindow, manage, async (request) => {
    const { id } = parseOr400(IdParam, request.params);
    const patch = parseOr400(API.updateWindow.request, request.body);
    requireUnit(await store.loadCatalog(), patch.unitId);
    if (!(await store.updateWindow(id, patch))) throw notFound('window', id);
    await audit(store, request, 'catalog.window.update', { type: 'window', id }, { fields: Object.keys(patch) });
    return (await store.loadCatalog()).windows.find((w) => w.id === id);
  });

  route(app, API.createServiceItem, manage, async (request, reply) => {
    const input = parseOr400(API.createServiceItem.request, request.body);
    const catalog = await store.loadCatalog();
    requireUnit(catalog, input.unitId);
    if (catalog.serviceItems.some((i) => i.unitId === input.unitId && i.code === input.code)) {
      throw new ClientError(409, 'CODE_TAKEN', `the unit already has a service item ${input.code}`);
    }
    const item = { id: newId('item'), code: input.code, unitId: input.unitId, name: input.name, sortOrder: input.sortOrder ?? 0, active: input.active ?? true };
    await store.insertServiceItem(item).catch((err) => {
      throw isUniqueViolation(err) ? new ClientError(409, 'CODE_TAKEN', `the unit already has a service item ${input.code}`) : err;
    });
    await audit(store, request, 'catalog.service-item.create', { type: 'service-item', id: item.id });
    return reply.code(201).send(item);
  });
  route(app, API.updateServiceItem, manage, async (request) => {
    const { id } = parseOr400(IdParam, request.params);
    const patch = parseOr400(API.updateServiceItem.request, request.body);
    const catalog = await store.loadCatalog();
    requireUnit(catalog, patch.unitId);
    const current = catalog.serviceItems.find((i) => i.id === id);
    if (!current) throw notFound('service item', id);
    const unitId = patch.unitId ?? current.unitId;
    const code = patch.code ?? current.code;
    if (catalog.serviceItems.some((i) => i.id !== id && i.unitId === unitId && i.code === code)) {
      throw new ClientError(409, 'CODE_TAKEN', `the unit already has a service item ${code}`);
    }
    await store.updateServiceItem(id, patch).catch((err) => {
      throw isUniqueViolation(err) ? new ClientError(409, 'CODE_TAKEN', `the unit already has a service item ${code}`) : err;
    });
    await audit(store, request, 'catalog.service-item.update', { type: 'service-item', id }, { fields: Object.keys(patch) });
    return (await store.loadCatalog()).serviceItems.find((i) => i.id === id);
  });

  route(app, API.createReason, manage, async (request, reply) => {
    const input = parseOr400(API.createReason.request, request.body);
    const catalog = await store.loadCatalog();
    if (catalog.reasons.some((r) => r.key === input.key)) throw new ClientError(409, 'KEY_TAKEN', `reason ${input.key} exists`);
    const reason = { key: input.key, label: input.label, sortOrder: input.sortOrder ?? (catalog.reasons.at(-1)?.sortOrder ?? 0) + 10, active: input.active ?? true };
    await store.insertReason(reason);
    await audit(store, request, 'catalog.reason.create', { type: 'reason', id: reason.key });
    return reply.code(201).send(reason);
  });
  route(app, API.updateReason, manage, async (request) => {
    const { key } = parseOr400(KeyParam, request.params);
    const patch = parseOr400(API.updateReason.request, request.body);
    if (!(await store.updateReason(key, patch))) throw notFound('reason', key);
    await audit(store, request, 'catalog.reason.update', { type: 'reason', id: key }, { fields: Object.keys(patch) });
    return (await store.loadCatalog()).reasons.find((r) => r.key === key);
  });
}
