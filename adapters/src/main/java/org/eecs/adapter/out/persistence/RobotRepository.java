package org.eecs.adapter.out.persistence;

import org.springframework.data.jpa.repository.JpaRepository;

interface RobotRepository extends JpaRepository<RobotEntity, String> {
}
