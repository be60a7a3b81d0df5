import {
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { SCOPES } from '../data/schema';

/** Which scope each root field needs (REFERENCE.md): a field outside the key's scopes fails the whole query. */
export const ROOT_FIELD_SCOPES: Record<string, string> = {
  user: SCOPES.commons,
  organization: SCOPES.commons,
  companySelector: SCOPES.commons,
  marketplaceJobPostingsSearch: SCOPES.jobs,
  marketplaceJobPosting: SCOPES.jobs,
  freelancerProfileByProfileKey: SCOPES.profiles,
  talentProfileByProfileKey: SCOPES.profiles,
};

type Fragments = Record<string, FragmentDefinitionNode>;

export function fragmentsOf(definitions: readonly { kind: string }[]): Fragments {
  const out: Fragments = {};
  for (const d of definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) out[(d as FragmentDefinitionNode).name.value] = d as FragmentDefinitionNode;
  return out;
}

/** Every "Type.field" a selection touches, in document order, fragments expanded. */
function collectCoordinates(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  fragments: Fragments,
  out: Set<string>,
): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      out.add(`${parent.name}.${sel.name.value}`);
      const field = isObjectType(parent) ? parent.getFields()[sel.name.value] : undefined;
      const type = field && getNamedType(field.type);
      if (sel.selectionSet && type && isCompositeType(type)) collectCoordinates(schema, sel.selectionSet, type, fragments, out);
    } else {
      const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments[sel.name.value];
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
      if (condition && isCompositeType(condition)) collectCoordinates(schema, fragment.selectionSet, condition, fragments, out);
    }
  }
}

/** Top-level fields of the operation, each with its alias-or-name key (Loupe coalesces with aliases). */
export function topLevelFields(set: SelectionSetNode, fragments: Fragments): { name: string; selection: SelectionSetNode | undefined }[] {
  const out: { name: string; selection: SelectionSetNode | undefined }[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (!sel.name.value.startsWith('__')) out.push({ name: sel.name.value, selection: sel.selectionSet });
    } else {
      const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments[sel.name.value];
      if (fragment) out.push(...topLevelFields(fragment.selectionSet, fragments));
    }
  }
  return out;
}

/** The coordinates (Query.field and everything under it) that the granted scopes do not cover. */
export function deniedCoordinates(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  granted: ReadonlySet<string>,
): string[] {
  const query = schema.getQueryType();
  if (!query) return [];
  const denied = new Set<string>();
  for (const field of topLevelFields(operation.selectionSet, fragments)) {
    const scope = ROOT_FIELD_SCOPES[field.name];
    if (scope && granted.has(scope)) continue;
    denied.add(`Query.${field.name}`);
    const type = getNamedType(query.getFields()[field.name]?.type);
    if (field.selection && type && isCompositeType(type)) collectCoordinates(schema, field.selection, type, fragments, denied);
  }
  return [...denied];
}

export function usesIntrospection(operation: OperationDefinitionNode, fragments: Fragments): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): boolean =>
    set.selections.some((sel) => {
      if (sel.kind === Kind.FIELD)
        return sel.name.value === '__schema' || sel.name.value === '__type' || (sel.selectionSet ? walk(sel.selectionSet) : false);
      if (sel.kind === Kind.INLINE_FRAGMENT) return walk(sel.selectionSet);
      if (seen.has(sel.name.value)) return false;
      seen.add(sel.name.value);
      const fragment = fragments[sel.name.value];
      return fragment ? walk(fragment.selectionSet) : false;
    });
  return walk(operation.selectionSet);
}
