package org.eecs.adapter.out.persistence;

import java.util.function.Supplier;
import org.eecs.application.port.out.Transactions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Units of work on Spring's transaction manager; a unit started inside another joins it. */
@Component
class SpringTransactions implements Transactions {

    private final TransactionTemplate template;

    SpringTransactions(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
    }

    @Override
    public <T> T inOne(Supplier<T> work) {
        return template.execute(status -> work.get());
    }
}
