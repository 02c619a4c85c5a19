package org.eecs.adapter.out.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;

/**
 * A listing query built from optional criteria: each criterion that is given adds one condition and its
 * parameters, so no query ever compares against a null parameter (which PostgreSQL cannot type).
 */
final class Jpql<E> {

    private final Class<E> entity;
    private final String alias;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    Jpql(Class<E> entity, String alias) {
        this.entity = entity;
        this.alias = alias;
    }

    /** Adds a condition whose named parameter is {@code :name}. */
    Jpql<E> where(String condition, String name, Object value) {
        conditions.add(condition);
        parameters.put(name, value);
        return this;
    }

    Page<E> page(EntityManager entityManager, String orderBy, PageRequest page) {
        String from = " from " + entity.getSimpleName() + " " + alias
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
        TypedQuery<Long> count = entityManager.createQuery("select count(" + alias + ")" + from, Long.class);
        TypedQuery<E> items = entityManager.createQuery("select " + alias + from + " order by " + orderBy, entity);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            items.setParameter(name, value);
        });
        items.setFirstResult(Math.toIntExact(page.offset())).setMaxResults(page.size());
        return new Page<>(items.getResultList(), page.number(), page.size(), count.getSingleResult());
    }

    /** A LIKE pattern matching the text anywhere, with the text's own wildcards taken literally. */
    static String containing(String text) {
        return "%" + text.toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
