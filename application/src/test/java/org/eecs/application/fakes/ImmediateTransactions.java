package org.eecs.application.fakes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditEvent;

/**
 * Runs the work at once, in units of work modelled on the database's:
 * <ul>
 *   <li>{@link #inOne} joins the surrounding unit, or opens one; a unit that throws puts every store it was given
 *       back as it was when the unit began, so a change and its audit event are kept or lost together;</li>
 *   <li>{@link #inSeparateOne} always opens a unit of its own; the audit events it appends survive a failure of the
 *       surrounding unit (they are appended again, on the head the rollback leaves, as a separately committed
 *       transaction would be). Only audit events are carried over: the use cases write nothing else there.</li>
 * </ul>
 * The production audit trail serialises appends with a transaction-scoped lock, so a separate unit that appends
 * after its surrounding unit has appended would wait for that unit forever; this fake refuses that case loudly.
 * Without stores (the no-argument constructor) nothing is rolled back.
 */
public final class ImmediateTransactions implements Transactions {

    private final InMemoryAuditTrail auditTrail;
    private final List<RollsBack> stores;
    private final Deque<Unit> open = new ArrayDeque<>();
    private final List<AuditEvent> discarded = new ArrayList<>();
    private int units;
    private int separateUnits;
    private int rolledBack;

    public ImmediateTransactions() {
        this(null);
    }

    /** @param auditTrail the trail whose separately appended events outlive a failed unit; may be null */
    public ImmediateTransactions(InMemoryAuditTrail auditTrail, RollsBack... otherStores) {
        this.auditTrail = auditTrail;
        this.stores = new ArrayList<>(List.of(otherStores));
        if (auditTrail != null) {
            this.stores.add(auditTrail);
        }
    }

    @Override
    public <T> T inOne(Supplier<T> work) {
        return open.isEmpty() ? run(work, false) : work.get();
    }

    @Override
    public <T> T inSeparateOne(Supplier<T> work) {
        separateUnits++;
        if (auditTrail != null && !open.isEmpty()) {
            Unit surrounding = open.peek();
            int appendedInUnit = auditTrail.writtenAfter(surrounding.auditHead).size();
            if (appendedInUnit > surrounding.keptBySeparateUnits.size()) {
                throw new IllegalStateException("a separate unit of work appends to the audit trail while the unit "
                        + "around it already has: with the chain lock held by that unit, this waits forever");
            }
        }
        return run(work, true);
    }

    private <T> T run(Supplier<T> work, boolean separate) {
        units++;
        Unit unit = new Unit(stores.stream().map(RollsBack::checkpoint).toList(),
                auditTrail == null ? 0 : auditTrail.headSequence());
        open.push(unit);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error failure) {
            open.pop();
            rollBack(unit);
            throw failure;
        }
        open.pop();
        if (separate && auditTrail != null && !open.isEmpty()) {
            open.peek().keptBySeparateUnits.addAll(auditTrail.writtenAfter(unit.auditHead));
        }
        return result;
    }

    private void rollBack(Unit unit) {
        rolledBack++;
        List<AuditEvent> appended = auditTrail == null ? List.of() : auditTrail.writtenAfter(unit.auditHead);
        List<AuditEvent> lost = new ArrayList<>(appended);
        unit.keptBySeparateUnits.forEach(lost::remove);
        discarded.addAll(lost);
        unit.restores.forEach(Runnable::run);
        if (auditTrail != null) {
            unit.keptBySeparateUnits.forEach(auditTrail::append);
            if (!open.isEmpty()) {
                open.peek().keptBySeparateUnits.addAll(unit.keptBySeparateUnits);
            }
        }
    }

    /** How many units of work were opened, separate ones included; joining a unit opens none. */
    public int units() {
        return units;
    }

    /** How many of the units were separate ones. */
    public int separateUnits() {
        return separateUnits;
    }

    /** How many units ended in a failure and were rolled back. */
    public int rolledBack() {
        return rolledBack;
    }

    /** The audit events that were appended in units that then failed, and so were never stored. */
    public List<AuditEvent> discardedAuditEvents() {
        return List.copyOf(discarded);
    }

    private static final class Unit {
        final List<Runnable> restores;
        final long auditHead;
        final List<AuditEvent> keptBySeparateUnits = new ArrayList<>();

        Unit(List<Runnable> restores, long auditHead) {
            this.restores = restores;
            this.auditHead = auditHead;
        }
    }
}
