package com.shipjoy.command.allocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stand-in for a JPA repository: entries by key. Like managed entities in the process's transaction, an entry
 * read and then changed is changed in the store; a query answers a new list, so deleting while iterating is safe.
 */
class InMemoryStore<T> {

    private final Map<String, T> entries = new LinkedHashMap<>();
    private final Function<T, String> key;

    InMemoryStore(Function<T, String> key) {
        this.key = key;
    }

    public Optional<T> findById(String entryKey) {
        return Optional.ofNullable(entries.get(entryKey));
    }

    public <S extends T> S save(S entry) {
        entries.put(key.apply(entry), entry);
        return entry;
    }

    public void delete(T entry) {
        entries.remove(key.apply(entry));
    }

    public void deleteAll(Iterable<? extends T> toDelete) {
        toDelete.forEach(this::delete);
    }

    List<T> where(Predicate<T> filter) {
        return entries.values().stream().filter(filter).toList();
    }
}
