package org.eecs.adapter.out.persistence;

import java.util.function.Supplier;
import org.eecs.application.port.out.Transactions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Units of work on Spring's transaction manager. */
@Component
class SpringTransactions implements Transactions {

    private final TransactionTemplate joining;
    private final TransactionTemplate separate;

    SpringTransactions(PlatformTransactionManager transactionManager) {
        this.joining = new TransactionTemplate(transactionManager);
        this.separate = new TransactionTemplate(transactionManager);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public <T> T inOne(Supplier<T> work) {
        return joining.execute(status -> work.get());
    }

    @Override
    public <T> T inSeparateOne(Supplier<T> work) {
        return separate.execute(status -> work.get());
    }
}
